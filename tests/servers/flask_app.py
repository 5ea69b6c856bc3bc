"""A Flask app as teams write one: static files, a page, a JSON collection and its items.

Served by Werkzeug's development server (Flask's default) on 127.0.0.1, a free port, which it
prints as its first line: `listening on <port>`.

    python3 flask_app.py <static-dir>
"""

import sys

from flask import Flask, abort, jsonify, request, url_for
from werkzeug.serving import make_server

app = Flask(__name__, static_folder=sys.argv[1], static_url_path="/static")
items = {1: {"id": 1, "name": "one"}}


@app.get("/")
def index():
    return "<!doctype html><title>app</title><p>hello</p>\n"


@app.get("/api/items")
def list_items():
    return jsonify(list(items.values()))


@app.post("/api/items")
def create_item():
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        abort(400)
    item = {"id": max(items, default=0) + 1, "name": str(body.get("name", ""))}
    items[item["id"]] = item
    return jsonify(item), 201, {"Location": url_for("get_item", item_id=item["id"])}


@app.get("/api/items/<int:item_id>")
def get_item(item_id):
    if item_id not in items:
        abort(404)
    return jsonify(items[item_id])


@app.delete("/api/items/<int:item_id>")
def delete_item(item_id):
    if items.pop(item_id, None) is None:
        abort(404)
    return "", 204


if __name__ == "__main__":
    server = make_server("127.0.0.1", 0, app)
    print(f"listening on {server.server_port}", flush=True)
    server.serve_forever()
