// Ghost's own Content API client against a running Newsdesk: the calls a
// Ghost front end makes. Prints what it read as JSON for the Rust test to
// compare with the database; exits non-zero on any failed call.
"use strict";

const GhostContentAPI = require("@tryghost/content-api");

async function main() {
  const [url, key] = process.argv.slice(2);
  const api = new GhostContentAPI({ url, key, version: "v5.0" });
  const first = await api.posts.browse({ limit: 5, include: "tags,authors" });
  const second = await api.posts.browse({ limit: 5, page: 2 });
  const filtered = await api.posts.browse({
    limit: "all",
    include: "tags",
    filter: `tag:${first[0].tags[0].slug}+published_at:<'${first[2].published_at}'`,
  });
  const one = await api.posts.read({ slug: first[0].slug }, { formats: ["html", "plaintext"] });
  const byId = await api.posts.read({ id: first[1].id });
  const tags = await api.tags.browse({ limit: "all", include: "count.posts" });
  const authors = await api.authors.browse({ limit: "all" });
  const author = await api.authors.read({ slug: authors[0].slug });
  const settings = await api.settings.browse();
  process.stdout.write(JSON.stringify({
    first: first.map((p) => ({ slug: p.slug, tags: p.tags.map((t) => t.slug), author: p.primary_author.slug })),
    firstMeta: first.meta.pagination,
    second: second.map((p) => p.slug),
    filtered: filtered.map((p) => p.slug),
    one: { slug: one.slug, hasHtml: typeof one.html === "string", plaintext: one.plaintext },
    byId: byId.slug,
    tags: tags.map((t) => ({ slug: t.slug, posts: t.count.posts })),
    authors: authors.map((a) => a.slug),
    author: author.name,
    title: settings.title,
  }));
}

main().catch((err) => {
  process.stderr.write(`Ghost client failed: ${err.message}\n`);
  process.exit(1);
});
