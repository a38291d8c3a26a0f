// The demo page's script. Chat: one WebSocket per participant to the Chat method's own path;
// the first frame joins ({"user": ...}; the room comes from the URL), every later frame is one
// message ({"text": ...}), an empty frame finishes the stream (leave). Ticker: fetch() of the
// WatchTicker route, reading the NDJSON body line by line as it arrives.
'use strict';

(function () {
  const $ = (id) => document.getElementById(id);
  const MAX_QUOTES = 10;

  const params = new URLSearchParams(location.search);
  if (params.get('room')) $('room').value = params.get('room');
  if (params.get('user')) $('user').value = params.get('user');

  // ---- Chat over WebSocket ----

  let socket = null;

  function chatUrl(room) {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    return `${scheme}//${location.host}/v1/rooms/${encodeURIComponent(room)}/messages:chat`;
  }

  function setChatStatus(text) {
    $('chat-status').textContent = text;
  }

  function setJoined(joined) {
    $('join').disabled = joined;
    $('room').disabled = joined;
    $('user').disabled = joined;
    $('leave').disabled = !joined;
    $('text').disabled = !joined;
    $('send').disabled = !joined;
  }

  // One line in the message list; data-* attributes say what it is (the browser test reads them).
  function showLine(kind, user, text, line) {
    const item = document.createElement('li');
    item.dataset.kind = kind;
    item.dataset.user = user || '';
    item.dataset.text = text || '';
    item.className = kind === 'MESSAGE' ? 'message' : kind === 'ERROR' ? 'error' : 'notice';
    if (kind === 'MESSAGE') {
      const who = document.createElement('span');
      who.className = 'user';
      who.textContent = user;
      item.append(who, text);
    } else {
      item.textContent = line;
    }
    $('messages').append(item);
    item.scrollIntoView({ block: 'nearest' });
  }

  function showEvent(event) {
    const here = (event.participants || []).join(', ') || 'nobody';
    switch (event.kind) {
      case 'JOINED':
        showLine('JOINED', event.user, '', `${event.user} joined (here: ${here})`);
        break;
      case 'LEFT':
        showLine('LEFT', event.user, '', `${event.user} left (here: ${here})`);
        break;
      default:
        showLine('MESSAGE', event.user, event.text || '', '');
    }
  }

  $('join-form').addEventListener('submit', (e) => {
    e.preventDefault();
    if (socket) return;
    const room = $('room').value.trim();
    const user = $('user').value.trim();
    const ws = new WebSocket(chatUrl(room));
    socket = ws;
    setChatStatus('Connecting…');
    ws.onopen = () => {
      ws.send(JSON.stringify({ user }));
      setJoined(true);
      setChatStatus(`In room ${room} as ${user}.`);
      $('text').focus();
    };
    ws.onmessage = (message) => {
      const event = JSON.parse(message.data);
      if (event.error) {
        // The gRPC status that ended the call; the close frame follows.
        showLine('ERROR', '', event.error.message, `Error ${event.error.code}: ${event.error.message}`);
      } else {
        showEvent(event);
      }
    };
    ws.onclose = (close) => {
      if (socket === ws) socket = null;
      setJoined(false);
      setChatStatus(`Disconnected (${close.code}${close.reason ? ' ' + close.reason : ''}).`);
    };
  });

  $('leave').addEventListener('click', () => {
    if (!socket) return;
    // An empty frame finishes our side of the stream; the server answers with close 1000.
    socket.send('');
    setChatStatus('Leaving…');
  });

  $('send-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const text = $('text').value;
    if (!socket || socket.readyState !== WebSocket.OPEN || text === '') return;
    socket.send(JSON.stringify({ text }));
    $('text').value = '';
  });

  // ---- Ticker over fetch() + NDJSON ----

  let watching = null;
  let lastPrice = null;

  function setTickerStatus(text) {
    $('ticker-status').textContent = text;
  }

  function showQuote(quote) {
    const price = Number(quote.price);
    const arrow = lastPrice === null || price === lastPrice ? ' ' : price > lastPrice ? '▲' : '▼';
    lastPrice = price;
    $('price').textContent = `${quote.symbol} ${price.toFixed(2)} ${arrow}`;
    const item = document.createElement('li');
    item.dataset.sequence = quote.sequence;
    item.dataset.price = String(price);
    const time = quote.time ? new Date(quote.time).toLocaleTimeString() : '';
    item.textContent = `#${quote.sequence} ${time} ${price.toFixed(2)}`;
    $('quotes').prepend(item);
    while ($('quotes').children.length > MAX_QUOTES) $('quotes').lastElementChild.remove();
  }

  async function readLines(response, onLine) {
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffered = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffered += decoder.decode(value, { stream: true });
      let newline;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline).trim();
        buffered = buffered.slice(newline + 1);
        if (line) onLine(JSON.parse(line));
      }
    }
  }

  async function watch(symbol, intervalMs, controller) {
    const url = `/v1/tickers/${encodeURIComponent(symbol)}:watch?interval_ms=${intervalMs}`;
    const response = await fetch(url, {
      headers: { Accept: 'application/x-ndjson' },
      signal: controller.signal,
    });
    if (!response.ok) {
      const status = await response.json().catch(() => ({ message: response.statusText }));
      setTickerStatus(`HTTP ${response.status}: ${status.message}`);
      return;
    }
    setTickerStatus(`Watching ${symbol.toUpperCase()}.`);
    await readLines(response, (line) => {
      if (line.error) {
        // A stream that fails after its first quote ends with one error line.
        setTickerStatus(`Ended with error ${line.error.code}: ${line.error.message}`);
      } else {
        showQuote(line);
      }
    });
    if (!controller.signal.aborted && !$('ticker-status').textContent.startsWith('Ended')) {
      setTickerStatus('The stream ended.');
    }
  }

  function setWatching(on) {
    $('watch').disabled = on;
    $('stop').disabled = !on;
  }

  $('ticker-form').addEventListener('submit', (e) => {
    e.preventDefault();
    if (watching) watching.abort();
    const controller = new AbortController();
    watching = controller;
    lastPrice = null;
    $('quotes').replaceChildren();
    setWatching(true);
    setTickerStatus('Connecting…');
    watch($('symbol').value.trim(), Number($('interval').value) || 0, controller)
      .catch((error) => {
        setTickerStatus(error.name === 'AbortError' ? 'Stopped.' : `Failed: ${error.message}`);
      })
      .finally(() => {
        if (watching === controller) {
          watching = null;
          setWatching(false);
        }
      });
  });

  $('stop').addEventListener('click', () => {
    if (watching) watching.abort();
  });
})();
