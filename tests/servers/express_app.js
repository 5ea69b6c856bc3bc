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
