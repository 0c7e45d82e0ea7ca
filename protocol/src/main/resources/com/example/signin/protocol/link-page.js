(function () {
  'use strict';
  // No dollar sign, hash sign or backslash anywhere in the page: API Gateway serves it through a
  // Velocity template, which would read them. The app link's hash sign is String.fromCharCode(35).
  var SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  var SECRET_LAST = '@SECRET_LAST@';
  var CODE_ALPHABET = '@CODE_ALPHABET@';

  var secret = window.location.hash.slice(1);
  // The secret leaves the address bar (and the history entry) at once.
  window.history.replaceState(null, '', window.location.pathname + window.location.search);

  var german = String((navigator.languages && navigator.languages[0]) || navigator.language || 'en')
      .toLowerCase().indexOf('de') === 0;
  var language = german ? 'de' : 'en';
  document.documentElement.lang = language;
  var texts = document.querySelectorAll('[data-lang]');
  for (var t = 0; t < texts.length; t++) {
    texts[t].hidden = texts[t].getAttribute('data-lang') !== language;
  }

  // Secrets.isWellFormed: @SECRET_LENGTH@ base64url characters, the canonical spelling of 32 bytes.
  function wellFormed(value) {
    if (value.length !== @SECRET_LENGTH@) {
      return false;
    }
    for (var i = 0; i < value.length; i++) {
      if (SECRET_ALPHABET.indexOf(value.charAt(i)) < 0) {
        return false;
      }
    }
    return SECRET_LAST.indexOf(value.charAt(value.length - 1)) >= 0;
  }

  if (!wellFormed(secret)) {
    document.getElementById('invalid').hidden = false;
    return;
  }
  var appLink = '@SCHEME@://@APP_HOST@' + String.fromCharCode(35) + secret;
  document.getElementById('open').href = appLink;
  var field = document.getElementById('link');
  field.setAttribute('value', appLink);
  field.addEventListener('focus', function () { field.select(); });
  document.getElementById('copy').addEventListener('click', function () {
    field.select();
    if (navigator.clipboard) {
      navigator.clipboard.writeText(appLink).then(function () { document.getElementById('copied').hidden = false; });
    }
  });
  document.getElementById('valid').hidden = false;

  // OneTimeCode.derive: SHA-256 of the prefix and the secret; character i is CODE_ALPHABET[digest[i] mod 32].
  if (window.crypto && window.crypto.subtle && window.TextEncoder) {
    window.crypto.subtle.digest('SHA-256', new TextEncoder().encode('@CODE_PREFIX@' + secret)).then(function (buffer) {
      var digest = new Uint8Array(buffer);
      var code = '';
      for (var i = 0; i < @CODE_LENGTH@; i++) {
        code += CODE_ALPHABET.charAt(digest[i] % 32) + (i === @CODE_GROUP@ - 1 ? '-' : '');
      }
      document.getElementById('code').textContent = code;
      document.getElementById('other-device').hidden = false;
    });
  }

  // After the page has loaded, so that it stays usable if the browser asks before opening the app.
  window.addEventListener('load', function () {
    window.setTimeout(function () { window.location.href = appLink; }, 250);
  });
}());
