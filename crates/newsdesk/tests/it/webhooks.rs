//! Webhooks delivered to a local receiver: signed, retried when the
//! receiver fails, given up after a day, and never in the way of a save.

use std::sync::{
    Arc, Mutex,
    atomic::{AtomicU16, Ordering},
};

use axum::{
    Router,
    body::Bytes,
    extract::State,
    http::{HeaderMap, StatusCode},
    routing::post,
};
use chrono::Duration;
use newsdesk_domain::{StoryInput, StoryKind, StoryStatus};
use newsdesk_site::webhooks::signature;
use serde_json::Value;

use crate::{
    admin::account,
    helpers::{TestApp, newsroom, t0},
};

/// What the receiver got, and what it answers.
#[derive(Clone, Default)]
struct Receiver {
    got: Arc<Mutex<Vec<(HeaderMap, Bytes)>>>,
    status: Arc<AtomicU16>,
}

async fn receive(State(r): State<Receiver>, headers: HeaderMap, body: Bytes) -> StatusCode {
    r.got.lock().expect("lock").push((headers, body));
    StatusCode::from_u16(r.status.load(Ordering::SeqCst)).unwrap_or(StatusCode::OK)
}

async fn start_receiver() -> (Receiver, String) {
    let r = Receiver::default();
    r.status.store(200, Ordering::SeqCst);
    let app = Router::new().route("/hook", post(receive)).with_state(r.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move { axum::serve(listener, app).await.expect("receiver") });
    (r, format!("http://{addr}/hook"))
}

#[tokio::test]
async fn deliveries_are_signed_retried_and_never_slow_a_save() {
    let app = TestApp::spawn().await;
    let n = newsroom(&app).await;
    let (admin_user, mut admin) = account(&app, "admin@example.org", "administrator").await;
    let (_, mut editor) = account(&app, "ed@example.org", "editor").await;
    let (receiver, url) = start_receiver().await;
    let fields = [
        ("url", url.as_str()),
        ("events", "story.published"),
        ("events", "story.unpublished"),
        ("events", "story.deleted"),
    ];
    assert_eq!(admin.submit("/admin/webhooks", "/admin/webhooks", &fields).await.status, 303);
    assert_eq!(editor.get("/admin/webhooks").await.status, 403);
    let bad = [("url", "ftp://nowhere"), ("events", "story.published")];
    assert_eq!(admin.submit("/admin/webhooks", "/admin/webhooks", &bad).await.status, 422);
    let hooks = app.site().webhooks(&admin_user).await.expect("hooks");
    let (hook, _) = &hooks[0];

    // The receiver is down: the save still succeeds at once, and the
    // delivery waits in the database.
    receiver.status.store(500, Ordering::SeqCst);
    let mut s = StoryInput::new(StoryKind::Article, "Pier reopens", vec![n.author.id]);
    s.status = StoryStatus::Published;
    s.published_at = Some(t0() - Duration::minutes(1));
    let id = app.site().create_story(&s).await.expect("saved, whatever the receiver does");
    let queued = app.site().store().deliveries(hook.id, 10).await.expect("deliveries");
    assert_eq!(queued.len(), 1);
    assert!(queued[0].delivered_at.is_none());
    app.site().deliver_webhooks().await.expect("deliver");
    let d = &app.site().store().deliveries(hook.id, 10).await.expect("deliveries")[0];
    assert_eq!((d.attempts, d.last_status, d.delivered_at), (1, Some(500), None));

    // The body is signed with the webhook's secret.
    let (headers, body) = receiver.got.lock().expect("lock")[0].clone();
    assert_eq!(headers["x-newsdesk-event"], "story.published");
    assert_eq!(headers["x-newsdesk-signature"].to_str().expect("ascii"), signature(&hook.secret, &body));
    assert_ne!(headers["x-newsdesk-signature"].to_str().expect("ascii"), signature("another secret", &body));
    let payload: Value = serde_json::from_slice(&body).expect("JSON");
    assert_eq!(payload["event"], "story.published");
    assert_eq!(payload["story"]["slug"], "pier-reopens");
    assert_eq!(payload["story"]["url"], format!("{}/pier-reopens/", app.base));

    // Not again before its time; then, the receiver back, delivered.
    app.site().deliver_webhooks().await.expect("deliver");
    assert_eq!(receiver.got.lock().expect("lock").len(), 1, "waits a minute before trying again");
    receiver.status.store(204, Ordering::SeqCst);
    app.clock.advance(Duration::minutes(2));
    app.site().deliver_webhooks().await.expect("deliver");
    let d = &app.site().store().deliveries(hook.id, 10).await.expect("deliveries")[0];
    assert_eq!((d.attempts, d.last_status), (2, Some(204)));
    assert!(d.delivered_at.is_some());
    let got = receiver.got.lock().expect("lock").clone();
    assert_eq!(got.len(), 2);
    assert_eq!(got[0].0["x-newsdesk-delivery"], got[1].0["x-newsdesk-delivery"], "the same delivery, tried again");

    // Events it did not ask for are not sent; those it did are.
    let saved = app.site().store().story(newsdesk_store::StoryKey::Id(id)).await.expect("q").expect("story");
    let mut edit = StoryInput::from_story(&saved);
    edit.standfirst = "Now with a standfirst.".into();
    app.site().update_story(id, &edit).await.expect("update");
    assert_eq!(app.site().store().deliveries(hook.id, 10).await.expect("d").len(), 1, "no story.updated");
    app.site().unpublish_story(&admin_user, id).await.expect("unpublish");
    app.site().deliver_webhooks().await.expect("deliver");
    let last = receiver.got.lock().expect("lock").last().cloned().expect("a delivery");
    assert_eq!(last.0["x-newsdesk-event"], "story.unpublished");

    // A receiver down for over a day: given up, and said so.
    receiver.status.store(503, Ordering::SeqCst);
    let mut s2 = s.clone();
    s2.headline = "Ferry delayed".into();
    s2.slug = None;
    let id2 = app.site().create_story(&s2).await.expect("story");
    app.site().trash_story(&admin_user, id2).await.expect("trash");
    for _ in 0..12 {
        app.site().deliver_webhooks().await.expect("deliver");
        app.clock.advance(Duration::hours(3));
    }
    let records = app.site().store().deliveries(hook.id, 10).await.expect("d");
    let deleted = records.iter().find(|r| r.event == "story.deleted").expect("deleted event");
    assert!(deleted.failed_at.is_some() && deleted.delivered_at.is_none(), "{:?}", deleted.attempts);
    assert!(deleted.attempts >= 2);
    let page = admin.get("/admin/webhooks").await;
    assert!(page.text.contains("given up") && page.text.contains("delivered"), "{}", page.text);
    app.stop().await;
}
