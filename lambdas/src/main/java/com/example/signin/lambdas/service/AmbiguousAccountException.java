package com.example.signin.lambdas.service;

/**
 * More than one account holds an address. Nothing is sent and nobody signs in with it: picking one
 * would sign the owner into whichever account an attacker moved onto the address.
 */
public final class AmbiguousAccountException extends UserDirectoryException {

    private static final long serialVersionUID = 1L;

    public AmbiguousAccountException(String message) {
        super(message, null);
    }
}
