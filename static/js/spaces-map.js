/* The learning spaces map: markers from the GeoJSON feed, drawn with the vendored Leaflet.
   Everything it needs comes from the data- attributes of #space-map (no inline script: CSP). */
(function () {
  "use strict";
  var box = document.getElementById("space-map");
  if (!box || typeof L === "undefined") { return; }
  var data = box.dataset;
  var centre = data.center.split(",").map(Number);
  box.classList.add("is-live");
  var map = L.map(box, { scrollWheelZoom: false }).setView(centre, Number(data.zoom) || 12);
  if (data.tiles) {
    L.tileLayer(data.tiles, { maxZoom: 19, attribution: data.attribution }).addTo(map);
  }
  var icon = L.icon({
    iconUrl: data.icon, iconRetinaUrl: data.icon2x, shadowUrl: data.shadow,
    iconSize: [25, 41], iconAnchor: [12, 41], popupAnchor: [1, -34], shadowSize: [41, 41]
  });

  function popup(props) {
    var wrap = document.createElement("div");
    var link = document.createElement("a");
    link.href = props.url;
    link.textContent = props.name;
    var kind = document.createElement("div");
    kind.textContent = props.kind_label;
    wrap.appendChild(link);
    wrap.appendChild(kind);
    return wrap;
  }

  fetch(data.geojson, { headers: { Accept: "application/geo+json" } })
    .then(function (response) { return response.json(); })
    .then(function (collection) {
      var layer = L.geoJSON(collection, {
        pointToLayer: function (feature, latlng) {
          return L.marker(latlng, { icon: icon, title: feature.properties.name, alt: feature.properties.name });
        },
        onEachFeature: function (feature, marker) { marker.bindPopup(popup(feature.properties)); }
      }).addTo(map);
      if (collection.features.length) { map.fitBounds(layer.getBounds(), { padding: [20, 20] }); }
      box.setAttribute("data-markers", String(collection.features.length));
    })
    .catch(function () { box.classList.add("is-failed"); });
})();
