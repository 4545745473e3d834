//! Prism mock servers on Twilio's OpenAPI files, for end-to-end tests.
//!
//! A [`PrismServer`] runs `prism mock` (from `@stoplight/prism-cli`, installed
//! into `<workspace>/.tools/prism` by `scripts/install-prism.sh`) on one of the
//! vendored specs in `tests/oai/`. Prism validates each request against the
//! spec (422 with a JSON problem body when it is invalid, 401 without Basic
//! auth) and answers valid ones with the spec's static example.
//!
//! The spec is not served as vendored: `scripts/patch-oai.mjs` first writes a
//! copy (into a per-server directory under `target/prism/runs/`) in which every
//! array property of a form request body has an explicit
//! `encoding: {style: form, explode: true}`. Without that, Prism rejects arrays
//! sent as repeated keys (`MediaUrl=a&MediaUrl=b`), see stoplightio/prism#2473.
//! Object-typed form fields become strings there, because the API takes them as
//! JSON text, which Prism cannot decode into an object.
//!
//! Several servers can run at once, from one test binary or several: each gets
//! its own port, directory, patched copy and log file. The child process is
//! killed (and reaped) when the [`PrismServer`] is dropped, including when a
//! test panics.
//!
//! Environment:
//! - `TWILIO_PRISM_START_TIMEOUT_SECS`: how long to wait for Prism to be ready
//!   (default 60).
//! - `CARGO_TARGET_DIR`: honoured for where run directories go (default
//!   `<workspace>/target`).

use std::collections::HashMap;
use std::fs::{self, File};
use std::io::{self, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use tokio::sync::OnceCell;

/// Default time allowed for Prism to load a spec and start listening.
/// Measured on a busy 2-core machine: about 2.5 s for a small spec (mostly
/// Node loading Prism) and 3.5-4 s for api_v2010 (1.5 MB of YAML); patching
/// api_v2010 adds about 1.5-2 s once per test process.
const DEFAULT_START_TIMEOUT: Duration = Duration::from_secs(60);

/// How often to re-check a starting server.
const POLL_INTERVAL: Duration = Duration::from_millis(50);

/// How many different ports to try if Prism loses a race for its port.
const PORT_ATTEMPTS: usize = 3;

/// Run directories older than this are removed when a new server starts.
const STALE_RUN_AGE: Duration = Duration::from_secs(24 * 60 * 60);

/// The workspace root (the parent of the `tests` package).
pub fn workspace_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

/// Where `scripts/install-prism.sh` installs Prism.
pub fn prism_tools_dir() -> PathBuf {
    workspace_root().join(".tools").join("prism")
}

/// The `prism` executable.
pub fn prism_bin() -> PathBuf {
    prism_tools_dir().join("node_modules").join(".bin").join("prism")
}

/// Whether Prism is installed (run `scripts/install-prism.sh` to install it).
pub fn prism_available() -> bool {
    prism_bin().is_file()
}

/// The directory holding the vendored, unmodified specs.
pub fn oai_dir() -> PathBuf {
    workspace_root().join("tests").join("oai")
}

fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) if !dir.is_empty() => {
            let dir = PathBuf::from(dir);
            if dir.is_absolute() {
                dir
            } else {
                workspace_root().join(dir)
            }
        }
        _ => workspace_root().join("target"),
    }
}

fn start_timeout() -> Duration {
    std::env::var("TWILIO_PRISM_START_TIMEOUT_SECS")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
        .filter(|&s| s > 0)
        .map(Duration::from_secs)
        .unwrap_or(DEFAULT_START_TIMEOUT)
}

/// A running `prism mock` process serving one (patched) spec on 127.0.0.1.
///
/// Dropping it kills the process.
#[derive(Debug)]
pub struct PrismServer {
    child: Option<Child>,
    port: u16,
    spec_file_name: String,
    run_dir: PathBuf,
    patched_spec: PathBuf,
    log_path: PathBuf,
    startup: Duration,
}

impl PrismServer {
    /// Starts Prism on the patched copy of `tests/oai/<spec_file_name>` and
    /// waits until it accepts requests.
    ///
    /// Errors (with Prism's output, or the patch script's, in the message)
    /// if Prism is not installed, the spec does not exist, patching fails,
    /// Prism exits, or it is not ready within the start timeout.
    pub async fn start(spec_file_name: &str) -> io::Result<PrismServer> {
        let begin = Instant::now();
        if spec_file_name.is_empty()
            || spec_file_name.contains('/')
            || spec_file_name.contains('\\')
            || spec_file_name.starts_with('.')
        {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("prism: expected a file name in tests/oai/, got {spec_file_name:?}"),
            ));
        }
        let source = oai_dir().join(spec_file_name);
        if !source.is_file() {
            return Err(io::Error::new(
                io::ErrorKind::NotFound,
                format!("prism: no spec {}", source.display()),
            ));
        }
        let bin = prism_bin();
        if !bin.is_file() {
            return Err(io::Error::new(
                io::ErrorKind::NotFound,
                format!(
                    "prism: {} not found; run `bash scripts/install-prism.sh` first",
                    bin.display()
                ),
            ));
        }

        let runs_dir = target_dir().join("prism").join("runs");
        fs::create_dir_all(&runs_dir)?;
        remove_stale_runs(&runs_dir);
        let run_dir = unique_run_dir(&runs_dir, spec_file_name)?;

        // Patch (once per spec per process), then give this server its own copy.
        let patched_bytes = patched_spec_bytes(spec_file_name, &source).await?;
        let patched_spec = run_dir.join(spec_file_name);
        fs::write(&patched_spec, patched_bytes.as_slice())?;
        let log_path = run_dir.join("prism.log");

        let timeout = start_timeout();
        let mut last_err = None;
        for attempt in 1..=PORT_ATTEMPTS {
            let port = free_port()?;
            match spawn_and_wait(&bin, &patched_spec, port, &log_path, timeout).await {
                Ok(child) => {
                    return Ok(PrismServer {
                        child: Some(child),
                        port,
                        spec_file_name: spec_file_name.to_string(),
                        run_dir,
                        patched_spec,
                        log_path,
                        startup: begin.elapsed(),
                    });
                }
                Err(StartError::PortTaken(e)) if attempt < PORT_ATTEMPTS => {
                    // Another process took the port between our probe and
                    // Prism's bind; keep the log of that try and go again.
                    let _ = fs::rename(&log_path, run_dir.join(format!("prism.{attempt}.log")));
                    last_err = Some(e);
                }
                Err(StartError::PortTaken(e)) | Err(StartError::Other(e)) => {
                    let _ = fs::remove_file(&patched_spec);
                    return Err(e);
                }
            }
        }
        let _ = fs::remove_file(&patched_spec);
        Err(last_err.unwrap_or_else(|| io::Error::other("prism: could not start")))
    }

    /// `http://127.0.0.1:<port>`, with no trailing slash.
    pub fn base_url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// The port Prism listens on (on 127.0.0.1).
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The file that receives Prism's stdout and stderr (one line per
    /// request, and the validation errors). It is kept after the server stops.
    pub fn log_path(&self) -> &Path {
        &self.log_path
    }

    /// The patched spec Prism serves (removed when the server is dropped).
    pub fn spec_path(&self) -> &Path {
        &self.patched_spec
    }

    /// The vendored spec's file name, as passed to [`PrismServer::start`].
    pub fn spec_file_name(&self) -> &str {
        &self.spec_file_name
    }

    /// This server's directory under `target/prism/runs/`.
    pub fn run_dir(&self) -> &Path {
        &self.run_dir
    }

    /// How long [`PrismServer::start`] took, patching included.
    pub fn startup_time(&self) -> Duration {
        self.startup
    }

    /// The last `max_lines` lines of the log, for assertion messages.
    pub fn log_tail(&self, max_lines: usize) -> String {
        read_log_tail(&self.log_path, max_lines)
    }

    /// Stops Prism now (also done by `Drop`).
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            kill_and_reap(&mut child);
        }
        let _ = fs::remove_file(&self.patched_spec);
    }
}

impl Drop for PrismServer {
    fn drop(&mut self) {
        self.stop();
    }
}

fn kill_and_reap(child: &mut Child) {
    // SIGKILL; an error means it has already exited. Then reap it so no
    // zombie is left (quick after SIGKILL).
    let _ = child.kill();
    let _ = child.wait();
}

enum StartError {
    /// Prism could not bind its port (someone else got it first).
    PortTaken(io::Error),
    Other(io::Error),
}

async fn spawn_and_wait(
    bin: &Path,
    spec: &Path,
    port: u16,
    log_path: &Path,
    timeout: Duration,
) -> Result<Child, StartError> {
    let log = File::create(log_path).map_err(StartError::Other)?;
    let log_err = log.try_clone().map_err(StartError::Other)?;
    let port_s = port.to_string();
    let mut cmd = Command::new(bin);
    cmd.arg("mock")
        .arg(spec)
        .args(["--host", "127.0.0.1", "--port", &port_s])
        // Invalid requests still get Prism's 422; `--errors` would also turn
        // response-validation findings into errors, which we do not want.
        .arg("--errors=false")
        // Answer with the spec's static examples, not generated data.
        .arg("--dynamic=false")
        .current_dir(workspace_root())
        .env("NODE_OPTIONS", node_options_with_watchdog())
        .env("FORCE_COLOR", "0")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::from(log))
        .stderr(Stdio::from(log_err));
    let mut child = cmd.spawn().map_err(|e| {
        StartError::Other(io::Error::new(
            e.kind(),
            format!("prism: cannot run {}: {e}", bin.display()),
        ))
    })?;

    let spawned = Instant::now();
    let ready_line = format!("listening on http://127.0.0.1:{port}");
    let mut watcher = LogWatcher::new(log_path);
    let mut seen_ready = false;
    loop {
        match child.try_wait() {
            Ok(Some(status)) => {
                let tail = read_log_tail(log_path, 40);
                let msg = format!(
                    "prism: `prism mock {}` on port {port} exited with {status} before it was \
                     ready; log {}:\n{tail}",
                    spec.display(),
                    log_path.display()
                );
                let err = io::Error::other(msg);
                return Err(if tail.contains("EADDRINUSE") {
                    StartError::PortTaken(err)
                } else {
                    StartError::Other(err)
                });
            }
            Ok(None) => {}
            Err(e) => {
                kill_and_reap(&mut child);
                return Err(StartError::Other(e));
            }
        }

        seen_ready = seen_ready || watcher.saw(&ready_line);
        if seen_ready && tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_ok() {
            // A last check that the listener is ours and did not just die.
            if let Ok(None) = child.try_wait() {
                return Ok(child);
            }
            continue;
        }

        if spawned.elapsed() > timeout {
            kill_and_reap(&mut child);
            let tail = read_log_tail(log_path, 40);
            return Err(StartError::Other(io::Error::new(
                io::ErrorKind::TimedOut,
                format!(
                    "prism: `prism mock {}` on port {port} was not ready after {:?} \
                     (TWILIO_PRISM_START_TIMEOUT_SECS to change); log {}:\n{tail}",
                    spec.display(),
                    timeout,
                    log_path.display()
                ),
            )));
        }
        tokio::time::sleep(POLL_INTERVAL).await;
    }
}

/// NODE_OPTIONS for the Prism process: the caller's, plus a tiny module that
/// makes Node exit once its parent (this test process) is gone. `Drop` kills
/// Prism normally; this covers a test process that is itself SIGKILLed (for
/// example by a timeout), which would otherwise leave Prism running.
fn node_options_with_watchdog() -> String {
    const WATCHDOG: &str = "--import=data:text/javascript,\
        const%20p=process.ppid;\
        setInterval(()=>{if(process.ppid!==p)process.exit(0)},1000).unref();";
    match std::env::var("NODE_OPTIONS") {
        Ok(existing) if !existing.trim().is_empty() => format!("{existing} {WATCHDOG}"),
        _ => WATCHDOG.to_string(),
    }
}

/// A port that was free a moment ago. Prism binds it itself, so there is a
/// small race with other processes; `start` retries on EADDRINUSE. Ports
/// handed out by this process are never handed out twice.
fn free_port() -> io::Result<u16> {
    static USED: Mutex<Vec<u16>> = Mutex::new(Vec::new());
    for _ in 0..50 {
        let listener = std::net::TcpListener::bind(("127.0.0.1", 0))?;
        let port = listener.local_addr()?.port();
        drop(listener);
        let mut used = USED.lock().unwrap_or_else(|e| e.into_inner());
        if !used.contains(&port) {
            used.push(port);
            return Ok(port);
        }
    }
    Err(io::Error::other("prism: no free port found"))
}

fn unique_run_dir(runs_dir: &Path, spec_file_name: &str) -> io::Result<PathBuf> {
    static SEQ: AtomicU64 = AtomicU64::new(0);
    let stem = spec_file_name
        .strip_suffix(".yaml")
        .or_else(|| spec_file_name.strip_suffix(".yml"))
        .or_else(|| spec_file_name.strip_suffix(".json"))
        .unwrap_or(spec_file_name);
    let millis = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or(0);
    loop {
        let seq = SEQ.fetch_add(1, Ordering::Relaxed);
        let dir = runs_dir.join(format!("{stem}-{millis}-{}-{seq}", std::process::id()));
        // create_dir (not _all) fails if it exists, so the name is ours alone.
        match fs::create_dir(&dir) {
            Ok(()) => return Ok(dir),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
}

/// Best effort: remove run directories (logs) left by runs long ago.
fn remove_stale_runs(runs_dir: &Path) {
    let Ok(entries) = fs::read_dir(runs_dir) else {
        return;
    };
    let now = SystemTime::now();
    for entry in entries.flatten() {
        let Ok(meta) = entry.metadata() else { continue };
        let old = meta
            .modified()
            .ok()
            .and_then(|m| now.duration_since(m).ok())
            .is_some_and(|age| age > STALE_RUN_AGE);
        if meta.is_dir() && old {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

/// The patched spec, made once per spec per process by
/// `node scripts/patch-oai.mjs` (into a scratch directory under
/// `target/prism/`) and kept in memory for later servers.
async fn patched_spec_bytes(spec_file_name: &str, source: &Path) -> io::Result<Arc<Vec<u8>>> {
    type Cell = Arc<OnceCell<Arc<Vec<u8>>>>;
    static CACHE: OnceLock<Mutex<HashMap<String, Cell>>> = OnceLock::new();
    let cell: Cell = {
        let mut map = CACHE
            .get_or_init(|| Mutex::new(HashMap::new()))
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        map.entry(spec_file_name.to_string()).or_default().clone()
    };
    let bytes = cell
        .get_or_try_init(|| async {
            let scratch = unique_run_dir(
                &target_dir().join("prism").join("runs"),
                &format!("patch-{spec_file_name}"),
            )?;
            let result = run_patch_script(source, &scratch).await;
            let _ = fs::remove_dir_all(&scratch);
            result.map(Arc::new)
        })
        .await?;
    Ok(bytes.clone())
}

async fn run_patch_script(source: &Path, out_dir: &Path) -> io::Result<Vec<u8>> {
    let script = workspace_root().join("scripts").join("patch-oai.mjs");
    let output = tokio::process::Command::new("node")
        .arg(&script)
        .arg("--quiet")
        .arg("--out-dir")
        .arg(out_dir)
        .arg(source)
        .current_dir(workspace_root())
        .stdin(Stdio::null())
        .kill_on_drop(true)
        .output()
        .await
        .map_err(|e| io::Error::new(e.kind(), format!("prism: cannot run `node {}`: {e}", script.display())))?;
    if !output.status.success() {
        return Err(io::Error::other(format!(
            "prism: `node {} --out-dir {} {}` failed with {}:\n{}{}",
            script.display(),
            out_dir.display(),
            source.display(),
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr),
        )));
    }
    let file_name = source.file_name().unwrap_or_default();
    fs::read(out_dir.join(file_name))
}

/// Looks for a line in a growing log file, reading only what is new each time.
struct LogWatcher {
    path: PathBuf,
    offset: u64,
    carry: Vec<u8>,
}

impl LogWatcher {
    fn new(path: &Path) -> Self {
        LogWatcher {
            path: path.to_path_buf(),
            offset: 0,
            carry: Vec::new(),
        }
    }

    fn saw(&mut self, needle: &str) -> bool {
        let Ok(mut f) = File::open(&self.path) else {
            return false;
        };
        if f.seek(SeekFrom::Start(self.offset)).is_err() {
            return false;
        }
        let mut buf = std::mem::take(&mut self.carry);
        let Ok(n) = f.read_to_end(&mut buf) else {
            return false;
        };
        self.offset += n as u64;
        let found = String::from_utf8_lossy(&buf).contains(needle);
        // Keep the unfinished last line for the next look.
        let cut = buf.iter().rposition(|&b| b == b'\n').map(|i| i + 1).unwrap_or(0);
        self.carry = buf.split_off(cut);
        found
    }
}

fn read_log_tail(path: &Path, max_lines: usize) -> String {
    const MAX_BYTES: u64 = 64 * 1024;
    let Ok(mut f) = File::open(path) else {
        return format!("(no log at {})", path.display());
    };
    let len = f.metadata().map(|m| m.len()).unwrap_or(0);
    let start = len.saturating_sub(MAX_BYTES);
    let mut buf = Vec::new();
    if f.seek(SeekFrom::Start(start)).is_err() || f.read_to_end(&mut buf).is_err() {
        return format!("(cannot read {})", path.display());
    }
    let text = String::from_utf8_lossy(&buf);
    let lines: Vec<&str> = text.lines().collect();
    let from = lines.len().saturating_sub(max_lines);
    let mut out = String::new();
    if from > 0 || start > 0 {
        out.push_str("  ...\n");
    }
    for line in &lines[from..] {
        out.push_str("  ");
        out.push_str(line);
        out.push('\n');
    }
    if out.is_empty() {
        out.push_str("  (empty)\n");
    }
    out
}
