// An Express app as teams write one: static files, a JSON collection and its items.
// Listens on 127.0.0.1, a free port, which it prints as its first line: `listening on <port>`.
//
//   NODE_PATH=<dir with express> node express_app.js <static-dir>
const express = require('express');

const app = express();
const items = new Map([[1, { id: 1, name: 'one' }]]);

app.use(express.static(process.argv[2]));
app.use(express.json());

app.get('/api/items', (req, res) => res.json([...items.values()]));

// A rate limit as teams write one: three requests a second, then a 429 that says when to
// come back (and, by a common slip, that it may be cached).
let window = { start: 0, count: 0 };
app.get('/api/search', (req, res) => {
  const now = Date.now();
  if (now - window.start >= 1000) window = { start: now, count: 0 };
  window.count += 1;
  if (window.count > 3) {
    return res.status(429).set('Retry-After', '1').set('Cache-Control', 'public, max-age=60').send('slow down');
  }
  return res.json({ results: [] });
});
app.post('/api/items', (req, res) => {
  const id = Math.max(0, ...items.keys()) + 1;
  const item = { id, name: String((req.body && req.body.name) || '') };
  items.set(id, item);
  res.status(201).location(`/api/items/${id}`).json(item);
});
app.get('/api/items/:id', (req, res) => {
  const item = items.get(Number(req.params.id));
  if (!item) return res.sendStatus(404);
  return res.json(item);
});
app.delete('/api/items/:id', (req, res) => {
  if (!items.delete(Number(req.params.id))) return res.sendStatus(404);
  return res.sendStatus(204);
});

const server = app.listen(0, '127.0.0.1', () => {
  console.log(`listening on ${server.address().port}`);
});
