/* The chat widget: plain JavaScript, no framework, no inline script (CSP default-src 'self').
 *
 * The page's URL carries the link's token (?t=); every call to the API sends it in the
 * X-Chat-Token header. On load the page fetches the transcript (GET /api/v1/chat/history) and,
 * when the API says so, sends "/start" to begin or resume the conversation. Options are shown
 * as buttons for the latest bot message only; a click sends the button's payload and shows its
 * title as the person's message. Every text the person reads comes from the server (the bot's
 * messages, and the page's texts in data-attributes of #chat).
 *
 * The veileder's own messages (from: "veileder", issue 16) are in the transcript in time order,
 * labelled with their name as a person at NAV, with a proposed meeting's times as buttons. While
 * the page is open and visible it asks GET /api/v1/chat/thread every data-poll-seconds for new
 * ones, and shows those it has not shown (by id).
 */
(function () {
  "use strict";

  var root = document.getElementById("chat");
  if (!root) return;

  var token = new URLSearchParams(window.location.search).get("t") || "";
  var log = document.getElementById("chat-logg");
  var typing = document.getElementById("chat-skriver");
  var replies = document.getElementById("chat-valg");
  var error = document.getElementById("chat-feil");
  var form = document.getElementById("chat-skjema");
  var field = document.getElementById("chat-felt");
  var input = document.getElementById("chat-melding");
  var counter = document.getElementById("chat-teller");
  var sendButton = document.getElementById("chat-send");
  var endButton = document.getElementById("chat-avslutt");
  var dialog = document.getElementById("chat-avslutt-dialog");
  var endYes = document.getElementById("avslutt-ja");
  var endNo = document.getElementById("avslutt-nei");
  var text = root.dataset;
  var max = parseInt(text.max, 10) || 200;
  var pending = false;
  var currentButtons = [];
  var shownThread = {}; // ids of the veileder's messages on the page
  var pollSeconds = parseInt(text.pollSeconds, 10) || 30;

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (match, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : match;
    });
  }

  function length(value) {
    return Array.from(value).length; // characters, as the server counts them
  }

  // ------------------------------------------------------------ messages

  function veilederLabel(author) {
    return author && author !== text.speakerVeilederUnnamed ? format(text.speakerVeileder, { name: author }) : text.speakerVeilederUnnamed;
  }

  function initials(author) {
    var parts = (author || "").trim().split(/\s+/).filter(Boolean);
    if (!parts.length || author === text.speakerVeilederUnnamed) return "V";
    return (parts[0].charAt(0) + (parts.length > 1 ? parts[parts.length - 1].charAt(0) : "")).toUpperCase();
  }

  function bubble(from, body, author) {
    var veileder = from === "veileder";
    var nav = from === "nav";
    var left = nav || veileder;
    var row = document.createElement("div");
    row.className = "aksel-chat aksel-chat--small chat-message " + (left ? "aksel-chat--left" : "aksel-chat--right");
    // the veileder's words look different from the automatic service's: a person at NAV wrote them
    row.setAttribute("data-color", nav ? "neutral" : veileder ? "info" : "accent");
    if (left) row.setAttribute("data-variant", "subtle");
    row.setAttribute("data-from", from);
    var label = veileder ? veilederLabel(author) : text.speakerNavLabel;

    var avatar = document.createElement("div");
    avatar.className = "aksel-chat__avatar chat-avatar";
    avatar.setAttribute("aria-hidden", "true");
    avatar.textContent = nav ? text.speakerNav : veileder ? initials(author) : text.speakerPerson;
    if (left) avatar.title = label;

    var wrapper = document.createElement("div");
    wrapper.className = "aksel-chat__bubble-wrapper";
    var inner = document.createElement("div");
    inner.className = "aksel-chat__bubble";
    var who = document.createElement("p");
    // The bot's messages say, visibly, that they are NAV's automatic service and not the
    // veileder (PRODUCT.md §1; the avatar is hidden on a phone). The person's side needs no label.
    who.className = "aksel-chat__top-text chat-speaker" + (left ? "" : " aksel-sr-only");
    who.textContent = left ? label : text.speakerPerson + ":";
    var words = document.createElement("p");
    words.className = "aksel-body-long chat-text";
    words.textContent = body;
    inner.appendChild(who);
    inner.appendChild(words);
    wrapper.appendChild(inner);
    row.appendChild(avatar);
    row.appendChild(wrapper);
    log.insertBefore(row, typing);
    return row;
  }

  function scrollToEnd() {
    log.scrollTop = log.scrollHeight;
  }

  function showButtons(buttons) {
    currentButtons = buttons || [];
    replies.replaceChildren();
    currentButtons.forEach(function (option) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "aksel-button aksel-button--medium chat-reply";
      button.setAttribute("data-variant", "secondary");
      var label = document.createElement("span");
      label.className = "aksel-label";
      label.textContent = option.title || option.payload;
      button.appendChild(label);
      button.addEventListener("click", function () {
        send(option.payload, option.title || option.payload, { focus: true });
      });
      replies.appendChild(button);
    });
    replies.hidden = currentButtons.length === 0;
  }

  function render(messages) {
    var buttons = [];
    (messages || []).forEach(function (message) {
      if (message.from === "veileder" && message.id != null) shownThread[message.id] = true;
      if (message.text) bubble(message.from, message.text, message.author);
      if (message.buttons && message.buttons.length) buttons = message.buttons;
      else if (message.from === "person") buttons = [];
    });
    showButtons(buttons);
    scrollToEnd();
  }

  function focusNext() {
    var first = replies.hidden ? null : replies.querySelector("button");
    (first || input).focus();
  }

  function setStatus(status) {
    if (!status) return;
    root.setAttribute("data-status", status);
    endButton.hidden = status === "reservert";
  }

  // ------------------------------------------------------------ errors and pending state

  function showError(message) {
    error.textContent = message;
  }

  function clearError() {
    error.textContent = "";
    setInvalid(false);
  }

  function setInvalid(invalid) {
    if (invalid) {
      input.setAttribute("aria-invalid", "true");
      input.setAttribute("aria-describedby", "chat-hint chat-teller chat-feil");
      field.classList.add("aksel-textarea--error");
    } else {
      input.removeAttribute("aria-invalid");
      input.setAttribute("aria-describedby", "chat-hint chat-teller");
      field.classList.remove("aksel-textarea--error");
    }
  }

  function setPending(on) {
    pending = on;
    typing.hidden = !on;
    log.setAttribute("aria-busy", on ? "true" : "false");
    sendButton.disabled = on;
    input.readOnly = on;
    endButton.disabled = on;
    replies.querySelectorAll("button").forEach(function (button) { button.disabled = on; });
    if (on) scrollToEnd();
  }

  function updateCounter() {
    var n = length(input.value);
    var over = n - max;
    counter.textContent = over > 0 ? format(text.counterOver, { n: n, max: max, over: over }) : format(text.counter, { n: n, max: max });
    counter.classList.toggle("aksel-textarea__counter--error", over > 0);
  }

  // ------------------------------------------------------------ talking to the API

  function api(path, options) {
    options = options || {};
    var headers = { "X-Chat-Token": token, "Accept": "application/json" };
    if (options.body) headers["Content-Type"] = "application/json";
    return fetch(path, {
      method: options.method || "GET",
      headers: headers,
      body: options.body,
      cache: "no-store",
      credentials: "same-origin",
      referrerPolicy: "no-referrer"
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        return { ok: response.ok, status: response.status, data: data };
      });
    });
  }

  /* Send one message; shown = the person's bubble (null for the page's own /start).
     Resolves true when the bot answered; on any refusal the person's bubble is taken back,
     the options come back and what they typed stays in the field. */
  function send(message, shown, options) {
    options = options || {};
    if (pending) return Promise.resolve(false);
    clearError();
    var mine = shown ? bubble("person", shown) : null;
    var offered = currentButtons;
    showButtons([]);
    setPending(true);
    // The same words sent again after a failure keep their id: if the first attempt did reach
    // the veileder before its answer was lost, the message is stored once.
    var id = lastFailed && lastFailed.message === message ? lastFailed.id : newId();
    return api("/api/v1/chat/messages", { method: "POST", body: JSON.stringify({ message: message, client_id: id }) })
      .then(function (result) {
        setPending(false);
        if (!result.ok) {
          lastFailed = { message: message, id: id };
          fail(mine, offered, result.data.message || text.networkError, options);
          return false;
        }
        lastFailed = null;
        render(result.data.messages);
        setStatus(result.data.status);
        if (options.focus) focusNext();
        return true;
      }, function () {
        setPending(false);
        lastFailed = { message: message, id: id };
        fail(mine, offered, text.networkError, options);
        return false;
      });
  }

  var lastFailed = null;

  function newId() {
    if (window.crypto && window.crypto.randomUUID) return window.crypto.randomUUID();
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  function fail(mine, offered, message, options) {
    if (mine) mine.remove();
    showButtons(offered);
    showError(message);
    if (options.focus) focusNext();
  }

  function load() {
    setPending(true);
    api("/api/v1/chat/history").then(function (result) {
      setPending(false);
      if (!result.ok) {
        showError(result.data.message || text.historyError);
        return;
      }
      render(result.data.messages);
      setStatus(result.data.status);
      if (result.data.start) send("/start", null, { focus: false });
    }, function () {
      setPending(false);
      showError(text.historyError);
    });
  }

  /* New messages from the veileder while the page is open: only those not shown yet, and never
     while a message of the person's is on its way (its answer comes first). */
  function poll() {
    if (pending || document.visibilityState !== "visible") return;
    api("/api/v1/chat/thread").then(function (result) {
      if (!result.ok || pending) return;
      var fresh = (result.data.messages || []).filter(function (m) { return m.id != null && !shownThread[m.id]; });
      if (!fresh.length) return;
      var buttons = null;
      fresh.forEach(function (message) {
        shownThread[message.id] = true;
        bubble("veileder", message.text, message.author);
        if (message.buttons && message.buttons.length) buttons = message.buttons;
      });
      if (buttons) showButtons(buttons);
      scrollToEnd();
    }, function () { /* offline for a moment: the next poll tries again */ });
  }

  // ------------------------------------------------------------ controls

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (pending) return;
    var value = input.value.trim();
    if (!value) {
      showError(text.empty);
      setInvalid(true);
      input.focus();
      return;
    }
    if (length(value) > max) {
      showError(text.tooLong); // refused whole, never cut
      setInvalid(true);
      input.focus();
      return;
    }
    send(value, value, { focus: true }).then(function (ok) {
      if (ok) {
        input.value = "";
        updateCounter();
      }
    });
  });

  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  input.addEventListener("input", function () {
    updateCounter();
    if (input.getAttribute("aria-invalid") && length(input.value.trim()) <= max && input.value.trim()) clearError();
  });

  endButton.addEventListener("click", function () {
    dialog.showModal();
    endNo.focus();
  });
  endNo.addEventListener("click", function () {
    dialog.close();
  });
  dialog.addEventListener("close", function () {
    if (!pending) endButton.focus();
  });
  endYes.addEventListener("click", function () {
    dialog.close();
    send(text.endMessage, text.endMessage, { focus: true });
  });

  updateCounter();
  load();
  window.setInterval(poll, pollSeconds * 1000);
})();
