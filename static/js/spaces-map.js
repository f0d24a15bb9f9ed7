/* The learning spaces map, drawn with the vendored Leaflet. It asks the GeoJSON feed for the
   visible area at the map's zoom (with the list's filters, already in data-geojson): the server
   groups nearby spaces into clusters, so a phone never downloads thousands of points.
   Everything it needs comes from the data- attributes of #space-map (no inline script: CSP). */
(function () {
  "use strict";
  var box = document.getElementById("space-map");
  if (!box || typeof L === "undefined") { return; }
  var data = box.dataset;
  var centre = data.center.split(",").map(Number);
  box.classList.add("is-live");
  var map = L.map(box, { scrollWheelZoom: false, maxZoom: 19 });
  if (data.tiles) {
    L.tileLayer(data.tiles, { maxZoom: 19, attribution: data.attribution }).addTo(map);
  }
  var icon = L.icon({
    iconUrl: data.icon, iconRetinaUrl: data.icon2x, shadowUrl: data.shadow,
    iconSize: [25, 41], iconAnchor: [12, 41], popupAnchor: [1, -34], shadowSize: [41, 41]
  });
  var layer = L.layerGroup().addTo(map);
  var asked = 0;

  // Enter or Space on a focused cluster or marker acts as a click (zoom in, open the popup).
  // Leaflet 1.9 listens for "keypress", which current browsers no longer send for these keys.
  box.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" && event.key !== " ") { return; }
    var target = event.target;
    if (!target.classList || !target.classList.contains("leaflet-marker-icon")) { return; }
    event.preventDefault();
    target.click();
  });

  function feedUrl(withArea) {
    var url = data.geojson.replace(/([?&])zoom=\d+&?/, "$1").replace(/[?&]$/, "");
    url += (url.indexOf("?") < 0 ? "?" : "&") + "zoom=" + map.getZoom();
    if (withArea) {
      // The view widened to a grid of quarter tiles, as the server does: maps showing nearly
      // the same area ask the same address, which caches answer.
      var b = map.getBounds();
      var step = 360 / Math.pow(2, map.getZoom()) / 4;
      var edge = function (v, up, limit) {
        var snapped = (up ? Math.ceil(v / step) : Math.floor(v / step)) * step;
        return Math.max(-limit, Math.min(limit, snapped)).toFixed(6);
      };
      url += "&bbox=" + [edge(b.getWest(), false, 180), edge(b.getSouth(), false, 85),
        edge(b.getEast(), true, 180), edge(b.getNorth(), true, 85)].join(",");
    }
    return url;
  }

  function popup(props) {
    var wrap = document.createElement("div");
    wrap.className = "map-popup";
    var link = document.createElement("a");
    link.href = props.url;
    link.textContent = props.name;
    var kind = document.createElement("div");
    kind.textContent = props.kind_label;
    var status = document.createElement("div");
    status.className = "status " + (props.open ? "open" : "closed");
    status.textContent = props.status;
    wrap.appendChild(link);
    wrap.appendChild(kind);
    wrap.appendChild(status);
    return wrap;
  }

  function clusterMarker(feature, latlng) {
    var count = feature.properties.count;
    var size = count < 10 ? 34 : count < 100 ? 40 : 48;
    var label = data.cluster.replace("{count}", count);
    var marker = L.marker(latlng, {
      title: label, alt: label, keyboard: true,
      icon: L.divIcon({ className: "space-cluster", html: String(count), iconSize: [size, size] })
    });
    marker.on("click", function () {
      busy();  // at once, not at the next frame where Leaflet starts the zoom
      var b = feature.properties.bounds;
      var bounds = L.latLngBounds([b[1], b[0]], [b[3], b[2]]);
      if (map.getZoom() >= map.getMaxZoom() || bounds.getNorthEast().equals(bounds.getSouthWest())) {
        map.setView(latlng, Math.min(map.getZoom() + 2, map.getMaxZoom()));
      } else {
        map.fitBounds(bounds, { padding: [30, 30], maxZoom: map.getMaxZoom() });
      }
    });
    return marker;
  }

  function draw(collection) {
    box.classList.remove("is-failed");
    box.removeAttribute("data-error");
    layer.clearLayers();
    var markers = 0;
    L.geoJSON(collection, {
      pointToLayer: function (feature, latlng) {
        if (feature.properties.cluster) { return clusterMarker(feature, latlng); }
        markers += 1;
        return L.marker(latlng, { icon: icon, title: feature.properties.name, alt: feature.properties.name });
      },
      onEachFeature: function (feature, marker) {
        if (!feature.properties.cluster) { marker.bindPopup(popup(feature.properties)); }
      }
    }).eachLayer(function (marker) { layer.addLayer(marker); });
    box.setAttribute("data-features", String(collection.features.length));
    box.setAttribute("data-markers", String(markers));
    box.setAttribute("data-total", String(collection.total));
  }

  function load(url) {
    var ticket = ++asked;
    return fetch(url, { headers: { Accept: "application/geo+json" } })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      })
      .then(function (collection) {
        if (ticket === asked) {
          draw(collection);
          if (settled) { box.removeAttribute("aria-busy"); }
        }
        return collection;
      })
      .catch(function () {
        if (ticket !== asked) { return; }  // an answer for a view that has gone
        box.removeAttribute("aria-busy");
        box.classList.add("is-failed");
        box.setAttribute("data-error", data.failed);
      });
  }

  // aria-busy from the moment the view starts to move until what is in view is drawn: screen
  // readers wait for it, and so can anything that reads the markers.
  var timer = null;
  var settled = false;  // false while the view moves, and before the first view is framed
  function busy() {
    settled = false;
    box.setAttribute("aria-busy", "true");
  }
  busy();
  function reload() {
    box.setAttribute("aria-busy", "true");  // a resize moves the view without movestart
    settled = true;
    asked += 1;  // an answer still on its way is for a view that has gone
    clearTimeout(timer);
    timer = setTimeout(function () { load(feedUrl(true)); }, 250);
  }

  // First the whole selection at the city's zoom, to frame it; then what is in view.
  map.setView(centre, Number(data.zoom) || 12);
  load(feedUrl(false)).then(function (collection) {
    var b = collection && collection.bbox;
    if (b && collection.total > 0) {
      map.fitBounds(L.latLngBounds([b[1], b[0]], [b[3], b[2]]), { padding: [30, 30], maxZoom: 16 });
    }
    map.on("movestart", busy);
    map.on("moveend", reload);
    reload();
  });
})();
