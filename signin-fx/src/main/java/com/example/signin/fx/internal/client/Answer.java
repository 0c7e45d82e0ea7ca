package com.example.signin.fx.internal.client;

import com.example.signin.fx.internal.client.SignInException.Problem;

/** What the person gave: the link's secret or the mail's one-time code (one sentence set each). */
enum Answer {
    LINK("link", Problem.LINK_NOT_REQUESTED_HERE, Problem.LINK_EXPIRED, Problem.LINK_INVALID),
    CODE("code", Problem.CODE_NOT_REQUESTED_HERE, Problem.CODE_EXPIRED, Problem.CODE_WRONG);

    final String noun;
    final Problem notRequested;
    final Problem expired;
    final Problem refused;

    Answer(String noun, Problem notRequested, Problem expired, Problem refused) {
        this.noun = noun;
        this.notRequested = notRequested;
        this.expired = expired;
        this.refused = refused;
    }
}
