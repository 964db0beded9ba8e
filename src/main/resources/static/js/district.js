// District picker (templates/fragments/district.html): without this script the list holds every district,
// grouped by province. With it, the list holds only the chosen province's districts and is emptied when
// the province changes; choosing a district while no province is chosen chooses its province.
(function () {
  'use strict';
  if (window.havenDistrictPicker) {
    return; // the fragment may appear more than once on a page
  }
  window.havenDistrictPicker = true;

  function wire(district) {
    var province = document.getElementById(district.getAttribute('data-district-of'));
    if (!province) {
      return;
    }
    var groups = Array.prototype.slice.call(district.querySelectorAll('optgroup[data-province]'));

    function show(keepChoice) {
      var chosen = keepChoice ? district.value : '';
      groups.forEach(function (group) {
        if (group.parentNode === district) {
          district.removeChild(group);
        }
      });
      groups.forEach(function (group) {
        if (!province.value || group.getAttribute('data-province') === province.value) {
          district.appendChild(group);
        }
      });
      district.value = chosen;
      if (district.value !== chosen) {
        district.value = '';
      }
    }

    province.addEventListener('change', function () {
      show(false);
    });
    district.addEventListener('change', function () {
      var option = district.options[district.selectedIndex];
      var group = option && option.parentNode;
      if (!province.value && group && group.getAttribute && group.getAttribute('data-province')) {
        province.value = group.getAttribute('data-province');
        show(true);
      }
    });
    show(true);
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll('select[data-district-of]'), wire);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
