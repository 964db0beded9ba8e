// Quick exit: leave for a neutral page and replace this page in the history, so Back does not return.
document.addEventListener('DOMContentLoaded', function () {
  var exit = document.getElementById('quick-exit');
  if (exit) {
    exit.addEventListener('click', function (event) {
      event.preventDefault();
      window.location.replace(exit.href);
    });
  }
});
