//! The `newsdesk` command.

use std::{path::PathBuf, process::ExitCode, sync::Arc, time::Duration};

use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand};
use newsdesk::{MediaLimits, ServeConfig, Server, SiteConfig, open_store, shutdown_signal, site};
use newsdesk_site::{SystemClock, demo};
use url::Url;

/// Rendering a page allocates many small strings; mimalloc serves them
/// faster than the system allocator, across threads.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Newsdesk: a newsroom publishing platform in one binary.
#[derive(Parser)]
#[command(name = "newsdesk", version, about, propagate_version = true)]
struct Cli {
    #[command(flatten)]
    global: Global,
    #[command(subcommand)]
    command: Command,
}

/// Settings every subcommand understands.
#[derive(Args)]
struct Global {
    /// Database URL: sqlite://PATH (created if missing) or postgres://USER@HOST/NAME.
    #[arg(long, global = true, env = "NEWSDESK_DATABASE_URL", default_value = "sqlite://newsdesk.db")]
    database: String,
    /// Address to listen on.
    #[arg(long, global = true, env = "NEWSDESK_LISTEN", default_value = "127.0.0.1:8080")]
    listen: String,
    /// Public address of the site, for absolute links (default: http://LISTEN/).
    #[arg(long, global = true, env = "NEWSDESK_BASE_URL")]
    base_url: Option<Url>,
    /// Folder for uploaded and generated media (served from its images/ folder).
    #[arg(long, global = true, env = "NEWSDESK_CONTENT_DIR", default_value = "content")]
    content_dir: PathBuf,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the site.
    Serve {
        /// Folder whose templates/ and assets/ override the default theme's files.
        #[arg(long, env = "NEWSDESK_THEME")]
        theme: Option<PathBuf>,
        /// Create the demo newsroom first if the database has no stories.
        #[arg(long)]
        demo: bool,
        /// Memory for the render cache of reader pages, in bytes (0 turns it off).
        #[arg(long, env = "NEWSDESK_CACHE_BYTES", default_value_t = newsdesk_site::DEFAULT_CACHE_BYTES)]
        cache_bytes: u64,
        /// Seconds between writes of counted page views.
        #[arg(long, env = "NEWSDESK_VIEW_FLUSH_SECS", default_value_t = 5, value_parser = clap::value_parser!(u64).range(1..=3600))]
        view_flush_secs: u64,
        /// Threads serving HTTP, each with its own event loop (0: one per core).
        #[arg(long, env = "NEWSDESK_HTTP_THREADS", default_value_t = 0, value_parser = clap::value_parser!(u16).range(0..=256))]
        http_threads: u16,
        /// Largest image file the newsroom may upload, in megabytes.
        #[arg(long, env = "NEWSDESK_MAX_UPLOAD_MB", default_value_t = 25, value_parser = clap::value_parser!(u32).range(1..=500))]
        max_upload_mb: u32,
        /// Largest image the newsroom may upload, in megapixels (width × height).
        #[arg(long, env = "NEWSDESK_MAX_IMAGE_MEGAPIXELS", default_value_t = 50, value_parser = clap::value_parser!(u32).range(1..=400))]
        max_image_megapixels: u32,
    },
    /// Fill an empty database with the demo newsroom.
    Demo {
        /// How many published stories to create.
        #[arg(long, default_value_t = 300, value_parser = clap::value_parser!(u64).range(1..=2_000_000))]
        stories: u64,
    },
    /// Apply database migrations and exit.
    Migrate,
    /// Newsroom accounts.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Content API keys (read-only keys apps send as ?key=).
    #[command(name = "api-key")]
    ApiKey {
        #[command(subcommand)]
        command: ApiKeyCommand,
    },
}

#[derive(Subcommand)]
enum ApiKeyCommand {
    /// Make a key and print it (it is shown only this once).
    Add {
        /// What the key is for, e.g. "Mobile app"; unique.
        #[arg(long)]
        name: String,
    },
    /// List the keys: name, first characters, when made, whether revoked.
    List,
    /// Revoke a key by name: requests with it are refused from then on.
    Revoke {
        /// The key's name.
        name: String,
    },
}

#[derive(Subcommand)]
enum UserCommand {
    /// Create an account and print a one-time sign-in link (valid 7 days).
    Add {
        /// The person's e-mail address; they sign in with it.
        #[arg(long)]
        email: String,
        /// Their name, as the newsroom shows it.
        #[arg(long)]
        name: String,
        /// contributor, author, editor or administrator.
        #[arg(long, default_value = "contributor")]
        role: String,
    },
    /// Print a new one-time sign-in link for an account (to set a forgotten password).
    Link {
        /// The account's e-mail address.
        #[arg(long)]
        email: String,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("NEWSDESK_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<()> {
    let g = cli.global;
    match cli.command {
        Command::Serve {
            theme,
            demo,
            view_flush_secs,
            cache_bytes,
            http_threads,
            max_upload_mb,
            max_image_megapixels,
        } => {
            let server = Server::start(ServeConfig {
                database_url: g.database,
                listen: g.listen,
                base_url: g.base_url,
                content_dir: g.content_dir,
                theme_dir: theme,
                demo,
                view_flush: Duration::from_secs(view_flush_secs),
                cache_bytes,
                http_threads: usize::from(http_threads),
                media_limits: MediaLimits {
                    max_bytes: max_upload_mb as usize * 1024 * 1024,
                    max_pixels: u64::from(max_image_megapixels) * 1_000_000,
                },
                clock: Arc::new(SystemClock),
            })
            .await?;
            println!("Newsdesk is serving on http://{}/ (Ctrl-C to stop)", server.addr);
            server.run_until(shutdown_signal()).await
        }
        Command::Demo { stories } => {
            let site = offline_site(&g).await?;
            let opts = demo::DemoOptions::with_stories(usize::try_from(stories)?);
            let started = std::time::Instant::now();
            let report =
                demo::generate(&site, &g.content_dir, &opts).await.context("cannot create the demo newsroom")?;
            site.store().close().await;
            println!(
                "Demo newsroom created in {:.1} s: {} stories, {} authors, {} tags, {} images in {}",
                started.elapsed().as_secs_f64(),
                report.stories,
                report.authors,
                report.tags,
                report.images,
                g.content_dir.join("images").display()
            );
            Ok(())
        }
        Command::User { command } => {
            let site = offline_site(&g).await?;
            let result = user_command(&site, command).await;
            site.store().close().await;
            result
        }
        Command::ApiKey { command } => {
            let site = offline_site(&g).await?;
            let result = api_key_command(&site, command).await;
            site.store().close().await;
            result
        }
        Command::Migrate => {
            let store = open_store(&g.database).await?;
            store.close().await;
            println!("Database is up to date.");
            Ok(())
        }
    }
}

/// The services, for a command that does not serve.
async fn offline_site(g: &Global) -> Result<Arc<newsdesk_site::Site>> {
    let store = open_store(&g.database).await?;
    let base = match &g.base_url {
        Some(u) => u.clone(),
        None => Url::parse(&format!("http://{}/", g.listen)).context("--listen is not a valid address")?,
    };
    let config = SiteConfig {
        base_url: base,
        cache_bytes: 0,
        media_dir: g.content_dir.join("images"),
        media_limits: MediaLimits::default(),
    };
    site(store, Arc::new(SystemClock), config).await
}

async fn api_key_command(site: &newsdesk_site::Site, command: ApiKeyCommand) -> Result<()> {
    match command {
        ApiKeyCommand::Add { name } => {
            let (key, secret) = site.create_api_key(None, &name).await.context("cannot make the key")?;
            println!("Content API key \"{}\" (shown only now; keep it):", key.name);
            println!("{secret}");
        }
        ApiKeyCommand::List => {
            let keys = site.api_keys(None).await.context("cannot list the keys")?;
            if keys.is_empty() {
                println!("No API keys yet. Make one with: newsdesk api-key add --name NAME");
            }
            for k in keys {
                let state = match k.revoked_at {
                    Some(t) => format!("revoked {}", t.format("%Y-%m-%d %H:%M UTC")),
                    None => "in use".to_owned(),
                };
                println!("{}\t{}…\tmade {}\t{state}", k.name, k.prefix, k.created_at.format("%Y-%m-%d %H:%M UTC"));
            }
        }
        ApiKeyCommand::Revoke { name } => {
            site.revoke_api_key(None, &name).await.with_context(|| format!("cannot revoke {name:?}"))?;
            println!("Revoked \"{name}\".");
        }
    }
    Ok(())
}

async fn user_command(site: &newsdesk_site::Site, command: UserCommand) -> Result<()> {
    let link = |token: &str| site.config().base_url.join(&format!("admin/sign-in/{token}"));
    match command {
        UserCommand::Add { email, name, role } => {
            let input = newsdesk_domain::UserInput { email, name, role };
            let (user, token) = site.create_user(&input, None, None).await.context("cannot create the account")?;
            println!("Created {} <{}>, {}.", user.name, user.email, user.role);
            println!("One-time sign-in link (valid 7 days):");
            println!("{}", link(&token)?);
        }
        UserCommand::Link { email } => {
            let email = newsdesk_domain::parse_email(&email).context("--email")?;
            let (user, _) = site
                .store()
                .user_by_email(&email)
                .await?
                .with_context(|| format!("no account has the e-mail address {email}"))?;
            let token = site.sign_in_link(user.id, None).await?;
            println!("One-time sign-in link for {} (valid 7 days):", user.email);
            println!("{}", link(&token)?);
        }
    }
    Ok(())
}
