"""Reads Newsdesk's RSS feeds with feedparser, the common Python feed
parser: each must parse without complaint (not 'bozo') and carry what feed
readers show. Prints what it read as JSON; exits non-zero on a bad feed."""

import json
import sys
import urllib.request

import feedparser

base = sys.argv[1]
out = {}
for path in sys.argv[2:]:
    data = urllib.request.urlopen(base + path).read()
    feed = feedparser.parse(data)
    if feed.bozo:
        sys.exit(f"{path}: feedparser found the feed malformed: {feed.bozo_exception}")
    out[path] = {
        "title": feed.feed.get("title"),
        "entries": [
            {
                "title": e.get("title"),
                "link": e.get("link"),
                "author": e.get("author"),
                "tags": [t.term for t in e.get("tags", [])],
                "published": e.get("published_parsed") is not None,
                "content": (e.get("content") or [{}])[0].get("value", ""),
                "media": [m.get("url") for m in e.get("media_content", [])],
            }
            for e in feed.entries
        ],
    }
print(json.dumps(out))
