/* "Nearest to me first" on the list of spaces: on click only, asks the browser for the
   location, sorts the spaces of this page by distance and says how far each is. The location
   never leaves the page (nothing is sent, nothing is stored). Without it the list is as it was. */
(function () {
  "use strict";
  var box = document.querySelector(".near-me");
  var list = document.querySelector(".space-list");
  if (!box || !list || !navigator.geolocation) { return; }
  var note = document.querySelector(".near-me-note");
  var button = box.querySelector("button");
  box.hidden = false;

  function km(lat1, lon1, lat2, lon2) {
    var rad = Math.PI / 180;
    var a = Math.sin((lat2 - lat1) * rad / 2) * Math.sin((lat2 - lat1) * rad / 2) +
      Math.cos(lat1 * rad) * Math.cos(lat2 * rad) *
      Math.sin((lon2 - lon1) * rad / 2) * Math.sin((lon2 - lon1) * rad / 2);
    return 12742 * Math.asin(Math.sqrt(a));
  }

  function sort(position) {
    var here = position.coords;
    var cards = Array.prototype.slice.call(list.querySelectorAll(".space-card"));
    cards.forEach(function (card) {
      var far = card.dataset.lat ? km(here.latitude, here.longitude, Number(card.dataset.lat), Number(card.dataset.lon)) : Infinity;
      card.dataset.km = String(far);
      var label = card.querySelector(".distance");
      if (!label) {
        label = document.createElement("p");
        label.className = "distance muted";
        card.appendChild(label);
      }
      label.textContent = far === Infinity ? "" : far < 1 ? box.dataset.near : box.dataset.far.replace("{km}", far.toFixed(1));
    });
    cards.sort(function (a, b) { return Number(a.dataset.km) - Number(b.dataset.km); });
    cards.forEach(function (card) { list.appendChild(card); });
    note.textContent = box.dataset.done;
  }

  button.addEventListener("click", function () {
    navigator.geolocation.getCurrentPosition(sort, function () {
      note.textContent = box.dataset.refused;
    }, { maximumAge: 600000, timeout: 15000 });
  });
})();
