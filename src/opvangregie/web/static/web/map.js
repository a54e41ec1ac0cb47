/*
 * The Opvangregie map (Leaflet, served by the app: no tile server unless the installation sets one).
 *
 * Reads its settings from the JSON element named by data-map-config on the map element: the GeoJSON
 * endpoints (boundaries, locations, candidate sites, constraint layers), the choropleth measures with
 * their colours per municipality, the texts in the user's language, and an optional tile URL. Every figure
 * drawn here is also in the table beside the map; the map is never the only way to read it.
 */
(function () {
  "use strict";

  var DETAIL_ZOOM = 12;

  function withParameters(url, parameters) {
    var address = new URL(url, window.location.origin);
    Object.keys(parameters).forEach(function (key) {
      address.searchParams.set(key, parameters[key]);
    });
    return address.toString();
  }

  function getJson(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } }).then(function (response) {
      if (!response.ok) {
        throw new Error(url + ": " + response.status);
      }
      return response.json();
    });
  }

  /* The box to fetch for the view: half a view wider on every side, so that panning a little (or a popup
   * moving the map to fit) needs no new request, and markers with an open popup stay put. */
  function paddedBox(map) {
    var bounds = map.getBounds().pad(0.5);
    return L.latLngBounds(
      [Math.max(bounds.getSouth(), -90), Math.max(bounds.getWest(), -180)],
      [Math.min(bounds.getNorth(), 90), Math.min(bounds.getEast(), 180)]
    );
  }

  function boxParameter(bounds) {
    return [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()].map(function (value) {
      return value.toFixed(5);
    }).join(",");
  }

  /* A popup of plain text lines and an optional link, built from DOM nodes (never from HTML strings). */
  function popup(title, lines, link, linkText) {
    var box = document.createElement("div");
    var heading = document.createElement("strong");
    heading.textContent = title;
    box.appendChild(heading);
    lines.forEach(function (line) {
      if (!line) {
        return;
      }
      var paragraph = document.createElement("p");
      paragraph.textContent = line;
      box.appendChild(paragraph);
    });
    if (link) {
      var anchor = document.createElement("a");
      anchor.href = link;
      anchor.textContent = linkText;
      anchor.className = "utrecht-link";
      box.appendChild(anchor);
    }
    return box;
  }

  /* A form's position entered on the map: a click fills the RD New x and y inputs (proj4js, EPSG:28992), and
   * typing in them moves the marker; the inputs stay the way to enter a position without a mouse. */
  function enablePicking(map, pick, text) {
    var inputX = document.getElementById(pick.x);
    var inputY = document.getElementById(pick.y);
    if (!inputX || !inputY || typeof proj4 === "undefined") {
      return;
    }
    var rd = proj4("EPSG:4326", pick.rd);
    var marker = null;
    function place(latlng) {
      if (!marker) {
        marker = L.circleMarker(latlng, { radius: 9, color: "#000000", weight: 3, fillColor: "#ffffff", fillOpacity: 1, className: "opvang-map-picked" })
          .bindTooltip(text.picked).addTo(map);
      } else {
        marker.setLatLng(latlng);
      }
    }
    function fromInputs() {
      var x = parseFloat(inputX.value.replace(",", "."));
      var y = parseFloat(inputY.value.replace(",", "."));
      if (isFinite(x) && isFinite(y)) {
        var position = rd.inverse([x, y]);
        place(L.latLng(position[1], position[0]));
      }
    }
    map.getContainer().classList.add("opvang-map--picking");
    map.on("click", function (event) {
      var xy = rd.forward([event.latlng.lng, event.latlng.lat]);
      inputX.value = Math.round(xy[0]);
      inputY.value = Math.round(xy[1]);
      place(event.latlng);
    });
    inputX.addEventListener("change", fromInputs);
    inputY.addEventListener("change", fromInputs);
    fromInputs();
  }

  function createMap(element, config) {
    var text = config.text;
    var map = L.map(element, { zoomSnap: 0.5, minZoom: 6, maxZoom: 18, attributionControl: true });
    map.attributionControl.setPrefix(false);
    if (config.tiles) {
      L.tileLayer(config.tiles.url, { attribution: config.tiles.attribution, maxZoom: 18 }).addTo(map);
    }
    (config.attribution || []).forEach(function (line) {
      map.attributionControl.addAttribution(line);
    });
    map.setView([52.2, 5.3], 7);

    var measureSelect = config.measureSelect ? document.getElementById(config.measureSelect) : null;
    var measures = config.measures || {};
    function activeMeasure() {
      return measureSelect ? measures[measureSelect.value] : null;
    }

    function boundaryStyle(feature) {
      var measure = activeMeasure();
      var focus = config.focus && config.focus.indexOf(feature.properties.code) !== -1;
      if (!measure) {
        return { color: "#154273", weight: focus ? 3 : 1, fillOpacity: focus ? 0.05 : 0, fillColor: "#154273" };
      }
      var shade = measure.shades[feature.properties.code];
      var key = shade ? shade.key : "none";
      return {
        color: "#333333",
        weight: 1,
        fillOpacity: 0.75,
        fillColor: measure.colours[key],
        dashArray: key === "none" ? "4 3" : null,
      };
    }

    function boundaryTooltip(feature) {
      var measure = activeMeasure();
      var shade = measure ? measure.shades[feature.properties.code] : null;
      return feature.properties.name + (shade ? ": " + shade.text : "");
    }

    var boundaries = L.geoJSON(null, {
      style: boundaryStyle,
      onEachFeature: function (feature, layer) {
        layer.bindTooltip(function () {
          return boundaryTooltip(feature);
        }, { sticky: true });
      },
    }).addTo(map);
    var boundaryZoom = null;
    var fitted = false;

    function loadBoundaries() {
      var zoom = Math.min(Math.round(map.getZoom()), DETAIL_ZOOM);
      if (zoom === boundaryZoom) {
        return Promise.resolve();
      }
      boundaryZoom = zoom;
      return getJson(withParameters(config.boundaries, { zoom: zoom })).then(function (collection) {
        boundaries.clearLayers();
        boundaries.addData(collection);
        if (!fitted && collection.features.length) {
          fitted = true;
          map.fitBounds(boundaries.getBounds(), { padding: [8, 8] });
        }
      });
    }

    if (measureSelect) {
      measureSelect.addEventListener("change", function () {
        boundaries.setStyle(boundaryStyle);
        document.querySelectorAll("[data-map-legend]").forEach(function (legend) {
          legend.hidden = legend.getAttribute("data-map-legend") !== measureSelect.value;
        });
      });
    }

    var overlays = [];

    function locationLayer() {
      return L.geoJSON(null, {
        pointToLayer: function (feature, position) {
          return L.circleMarker(position, {
            radius: 7,
            color: "#ffffff",
            weight: 2,
            fillColor: config.targetGroupColours[feature.properties.target_group] || "#555555",
            fillOpacity: 1,
            className: "opvang-map-location",
          });
        },
        onEachFeature: function (feature, layer) {
          var p = feature.properties;
          layer.bindPopup(popup(p.name, [
            p.target_group_label + " · " + p.status_label,
            text.places_persons.replace("{places}", p.places).replace("{persons}", p.persons),
          ], p.url, text.open_location));
        },
      });
    }

    function siteLayer() {
      return L.geoJSON(null, {
        pointToLayer: function (feature, position) {
          return L.circleMarker(position, {
            radius: 8,
            color: "#000000",
            weight: 2,
            dashArray: feature.properties.approximate ? "3 2" : null,
            fillColor: "#ffd500",
            fillOpacity: 1,
            className: "opvang-map-site",
          });
        },
        style: function () {
          return { color: "#000000", weight: 2, fillColor: "#ffd500", fillOpacity: 0.4, className: "opvang-map-site" };
        },
        onEachFeature: function (feature, layer) {
          var p = feature.properties;
          var places = p.estimated_places === null ? "" : text.estimated_places.replace("{places}", p.estimated_places);
          layer.bindPopup(popup(p.name, [
            text.candidate_site + " · " + p.status_label,
            places,
            p.approximate ? text.approximate : "",
          ], p.url, text.open_site));
        },
      });
    }

    function constraintLayer(kind) {
      var colour = config.layerKindColours[kind] || "#67a9cf";
      return L.geoJSON(null, {
        style: function () {
          return { color: colour, weight: 1, fillColor: colour, fillOpacity: 0.3, className: "opvang-map-constraint" };
        },
        onEachFeature: function (feature, layer) {
          layer.bindTooltip(feature.properties.name, { sticky: true });
        },
      });
    }

    /* An overlay fetched for the box in view (and zoom, for shapes) each time the view settles. */
    function addOverlay(checkbox, layer, url, withZoom) {
      var overlay = { checkbox: checkbox, layer: layer, url: url, withZoom: withZoom };
      overlays.push(overlay);
      checkbox.addEventListener("change", function () {
        if (checkbox.checked) {
          layer.addTo(map);
          refresh(overlay).then(raiseMarkers);
        } else {
          map.removeLayer(layer);
        }
      });
      if (checkbox.checked) {
        layer.addTo(map);
      }
      return overlay;
    }

    function refresh(overlay) {
      if (!overlay.checkbox.checked) {
        return Promise.resolve();
      }
      var zoom = Math.min(Math.round(map.getZoom()), 20);
      var covered = overlay.loaded && overlay.loaded.contains(map.getBounds());
      if (covered && (!overlay.withZoom || overlay.loadedZoom === zoom)) {
        return Promise.resolve();
      }
      var box = paddedBox(map);
      var parameters = { bbox: boxParameter(box) };
      if (overlay.withZoom) {
        parameters.zoom = zoom;
      }
      return getJson(withParameters(overlay.url, parameters)).then(function (collection) {
        overlay.layer.clearLayers();
        overlay.layer.addData(collection);
        overlay.loaded = box;
        overlay.loadedZoom = zoom;
      }).catch(function () {
        overlay.checkbox.parentElement.classList.add("opvang-map-overlay--failed");
      });
    }

    /* Locations and sites stay above the areas, whichever was drawn last, so they can be clicked. */
    function raiseMarkers() {
      overlays.forEach(function (overlay) {
        if (overlay.front && overlay.checkbox.checked) {
          overlay.layer.bringToFront();
        }
      });
    }

    function refreshAll() {
      element.setAttribute("aria-busy", "true");
      return Promise.all(overlays.map(refresh)).then(function () {
        raiseMarkers();
        element.setAttribute("aria-busy", "false");
        element.setAttribute("data-map-ready", "true");
      });
    }

    var fieldset = config.overlays ? document.getElementById(config.overlays) : null;
    function checkboxFor(id) {
      return fieldset ? fieldset.querySelector("#" + id) : null;
    }

    function addLayerToggles() {
      if (!config.layers || !fieldset) {
        return Promise.resolve();
      }
      return getJson(config.layers).then(function (layers) {
        var list = fieldset.querySelector("[data-map-layer-list]");
        layers.forEach(function (item) {
          var id = "map-layer-" + item.id;
          var label = document.createElement("label");
          label.className = "opvang-map-overlay";
          var checkbox = document.createElement("input");
          checkbox.type = "checkbox";
          checkbox.id = id;
          checkbox.className = "utrecht-checkbox";
          checkbox.checked = config.layersOn === true;
          var swatch = document.createElement("span");
          swatch.className = "opvang-swatch";
          swatch.style.background = config.layerKindColours[item.kind] || "#67a9cf";
          label.appendChild(checkbox);
          label.appendChild(swatch);
          label.appendChild(document.createTextNode(" " + item.name + " (" + item.kind_label + ")"));
          list.appendChild(label);
          if (item.attribution) {
            map.attributionControl.addAttribution(item.attribution);
          }
          addOverlay(checkbox, constraintLayer(item.kind), config.layerFeatures.replace("{id}", item.id), true);
        });
      }).catch(function () {
        /* No layers to offer: the boundaries, locations and sites still show. */
      });
    }

    var locationsBox = checkboxFor("map-overlay-locations");
    if (locationsBox && config.locations) {
      addOverlay(locationsBox, locationLayer(), config.locations, false).front = true;
    }
    var sitesBox = checkboxFor("map-overlay-sites");
    if (sitesBox && config.sites) {
      addOverlay(sitesBox, siteLayer(), config.sites, false).front = true;
    }

    var timer = null;
    map.on("moveend", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        loadBoundaries().then(refreshAll);
      }, 150);
    });

    if (config.pick) {
      enablePicking(map, config.pick, text);
    }
    addLayerToggles().then(loadBoundaries).then(refreshAll);
    element.opvangMap = map;
    return map;
  }

  /* After the whole page is read: a map may sit above the form whose inputs it fills. */
  function start() {
    document.querySelectorAll("[data-map-config]").forEach(function (element) {
      var source = document.getElementById(element.getAttribute("data-map-config"));
      if (!source || typeof L === "undefined") {
        return;
      }
      createMap(element, JSON.parse(source.textContent));
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
