//! Start-up of the Newsdesk server, shared by the `newsdesk` binary and the
//! integration tests: open and migrate the store, build the services, load
//! the theme, bind the address, serve until told to stop, then flush what
//! is pending.
//!
//! This is the only crate that chooses a backend (from the database URL)
//! and the only one that uses `anyhow`: below it, errors are typed.

use std::{net::SocketAddr, path::PathBuf, sync::Arc, time::Duration};

use anyhow::{Context, Result};
use axum::ServiceExt;
use newsdesk_site::{Clock, Site, demo};
pub use newsdesk_site::{MediaLimits, SiteConfig};
use newsdesk_store::{Store, redact};
use newsdesk_web::{AdminUi, App, AppState, Theme};
use tokio::{
    net::TcpListener,
    sync::{oneshot, watch},
    task::JoinHandle,
};
use tracing::{info, warn};
use url::Url;

/// Everything `serve` needs to know.
pub struct ServeConfig {
    pub database_url: String,
    pub listen: String,
    /// The public address; defaults to `http://LISTEN/`.
    pub base_url: Option<Url>,
    pub content_dir: PathBuf,
    pub theme_dir: Option<PathBuf>,
    /// Create the demo newsroom if the database has no stories.
    pub demo: bool,
    /// How often counted page views are written to the database.
    pub view_flush: Duration,
    /// Memory for the render cache; 0 turns it off.
    pub cache_bytes: u64,
    /// Threads that serve HTTP, each with a runtime of its own; 0 means one
    /// per core.
    pub http_threads: usize,
    /// How large an uploaded image may be.
    pub media_limits: MediaLimits,
    pub clock: Arc<dyn Clock>,
}

/// Opens the database named by `url` and brings its schema up to date.
pub async fn open_store(url: &str) -> Result<Store> {
    Store::open(url).await.with_context(|| format!("cannot use database {}", redact(url)))
}

/// Builds the services over a store.
pub async fn site(store: Store, clock: Arc<dyn Clock>, config: SiteConfig) -> Result<Arc<Site>> {
    Ok(Arc::new(Site::new(store, clock, config).await.context("cannot load site settings")?))
}

/// A running server.
pub struct Server {
    pub addr: SocketAddr,
    pub site: Arc<Site>,
    stop: watch::Sender<bool>,
    task: JoinHandle<Result<()>>,
}

impl Server {
    /// Opens everything and starts serving in the background.
    pub async fn start(cfg: ServeConfig) -> Result<Server> {
        let store = open_store(&cfg.database_url).await?;
        let theme = Theme::load(cfg.theme_dir.as_deref()).context("cannot load theme")?;
        let listener = std::net::TcpListener::bind(&cfg.listen)
            .and_then(|l| l.set_nonblocking(true).map(|()| l))
            .with_context(|| format!("cannot listen on {}", cfg.listen))?;
        let addr = listener.local_addr().context("cannot read the bound address")?;
        let base_url = match cfg.base_url {
            Some(u) => u,
            None => Url::parse(&format!("http://{addr}/")).context("cannot make a base URL from the address")?,
        };
        let config = SiteConfig {
            base_url,
            cache_bytes: cfg.cache_bytes,
            media_dir: cfg.content_dir.join("images"),
            media_limits: cfg.media_limits,
        };
        let site = site(store, cfg.clock, config).await?;
        if cfg.demo {
            let stories = site.store().story_count().await.context("cannot count stories")?;
            if stories == 0 {
                info!("empty database: creating the demo newsroom");
                demo::generate(&site, &cfg.content_dir, &demo::DemoOptions::default())
                    .await
                    .context("cannot create the demo newsroom")?;
            }
        }
        let admin = AdminUi::load().context("cannot load the newsroom's templates")?;
        let state = AppState {
            site: site.clone(),
            theme: Arc::new(theme),
            content_dir: Arc::new(cfg.content_dir),
            admin: Arc::new(admin),
        };
        let app = App::new(state);
        let (stop, stopped) = watch::channel(false);
        let threads = match cfg.http_threads {
            0 => std::thread::available_parallelism().map_or(2, |n| n.get()),
            n => n,
        };
        let mut servers = Vec::with_capacity(threads);
        for i in 0..threads {
            let listener = listener.try_clone().context("cannot share the listening socket")?;
            servers.push(http_thread(i, listener, app.clone(), stopped.clone())?);
        }
        let flusher = tokio::spawn(background(site.clone(), cfg.view_flush, stopped));
        let task_site = site.clone();
        let task = tokio::spawn(async move {
            let mut result = Ok(());
            for done in servers {
                let r = done.await.unwrap_or_else(|_| Err(anyhow::anyhow!("an HTTP thread panicked")));
                if result.is_ok() {
                    result = r;
                }
            }
            let _ = flusher.await;
            // Whatever was counted after the last periodic flush.
            if let Err(e) = task_site.views().flush().await {
                warn!(error = %e, "could not flush page views at shutdown");
            }
            task_site.store().close().await;
            result
        });
        info!(%addr, database = %redact(&cfg.database_url), "newsdesk is serving");
        Ok(Server { addr, site, stop, task })
    }

    /// Stops accepting requests, lets those in flight finish, flushes page
    /// views and closes the database.
    pub async fn stop(self) -> Result<()> {
        let _ = self.stop.send(true);
        self.task.await.context("server task panicked")?
    }

    /// Serves until `signal` completes, then stops gracefully.
    pub async fn run_until(self, signal: impl std::future::Future<Output = ()>) -> Result<()> {
        signal.await;
        info!("shutting down");
        self.stop().await
    }
}

/// Starts a thread that serves HTTP on `listener` with a single-threaded
/// runtime of its own until `stopped`, the way nginx runs a worker per core:
/// a request is handled start to finish on one thread, with no wake-ups of
/// other threads and no work stealing. The threads share the listening
/// socket; the kernel hands each new connection to one of them.
fn http_thread(
    i: usize,
    listener: std::net::TcpListener,
    app: App,
    mut stopped: watch::Receiver<bool>,
) -> Result<oneshot::Receiver<Result<()>>> {
    let (done, finished) = oneshot::channel();
    std::thread::Builder::new()
        .name(format!("newsdesk-http-{i}"))
        .spawn(move || {
            let result = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .context("cannot start an HTTP runtime")
                .and_then(|rt| {
                    rt.block_on(async move {
                        let listener = TcpListener::from_std(listener).context("cannot use the listening socket")?;
                        axum::serve(listener, app.into_make_service_with_connect_info::<std::net::SocketAddr>())
                            .with_graceful_shutdown(async move {
                                let _ = stopped.wait_for(|s| *s).await;
                            })
                            .await
                            .context("server failed")
                    })
                });
            let _ = done.send(result);
        })
        .context("cannot start an HTTP thread")?;
    Ok(finished)
}

/// The server's own jobs: scheduled stories go live (checked every
/// second), counted page views are written (every `flush`), Most Popular is
/// ranked again (every minute), webhook deliveries are sent (every two
/// seconds), and expired sessions and old trash are deleted (hourly).
async fn background(site: Arc<Site>, flush: Duration, mut stopped: watch::Receiver<bool>) {
    let mut due = tokio::time::interval(Duration::from_secs(1));
    let mut views = tokio::time::interval(flush);
    let mut popular = tokio::time::interval(Duration::from_secs(60));
    let mut prune = tokio::time::interval(Duration::from_secs(3600));
    let mut hooks = tokio::time::interval(Duration::from_secs(2));
    for t in [&mut due, &mut views, &mut popular, &mut prune, &mut hooks] {
        t.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    }
    loop {
        tokio::select! {
            _ = due.tick() => {
                if let Err(e) = site.publish_due().await {
                    warn!(error = %e, "could not check for scheduled stories");
                }
            }
            _ = views.tick() => {
                if let Err(e) = site.views().flush().await {
                    warn!(error = %e, "page views not flushed");
                }
            }
            _ = popular.tick() => {
                if let Err(e) = site.refresh_popular().await {
                    warn!(error = %e, "could not rank Most Popular");
                }
            }
            _ = hooks.tick() => {
                if let Err(e) = site.deliver_webhooks().await {
                    warn!(error = %e, "webhook deliveries stopped");
                }
            }
            _ = prune.tick() => {
                if let Err(e) = site.prune_accounts().await {
                    warn!(error = %e, "could not delete expired sessions");
                }
                if let Err(e) = site.purge_trash().await {
                    warn!(error = %e, "could not empty the trash");
                }
            }
            _ = stopped.changed() => return,
        }
    }
}

/// Completes on SIGINT (Ctrl-C) or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
