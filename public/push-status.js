// Moves a page waiting on the phone along as soon as the answer arrives: one Server-Sent Event, then the page's
// own "Check again" form is posted. Without JavaScript (or EventSource) that button does the same by hand.
(function () {
  'use strict';
  var status = document.querySelector('[data-events]');
  if (!status || typeof window.EventSource !== 'function') return;
  var form = document.getElementById(status.getAttribute('data-form'));
  if (!form) return;
  var source = new EventSource(status.getAttribute('data-events'));
  source.addEventListener('changed', function () {
    source.close();
    status.textContent = status.getAttribute('data-answered');
    form.submit();
  });
})();
