// Submits the SAML / WS-Federation POST form of the page it is loaded in (no inline script: the CSP forbids it).
// Without JavaScript the form's Continue button does the same.
'use strict';
(function () {
  var form = document.querySelector('form[data-autopost]');
  if (form) form.submit();
})();
