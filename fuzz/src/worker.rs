//! One target's fuzzing loop, run in a child process so that a stack
//! overflow or an abort only ends the child: each input is written to a
//! file before it runs, and the supervisor keeps that file if the child
//! dies. Panics, broken properties and slow inputs are caught here and
//! saved at once. The child tells the supervisor what happens in lines
//! on its standard output (see `Report`).

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::Write;
use std::os::unix::fs::FileExt;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::mutate::Mutator;
use crate::seeds::{self, Seed};

use crate::targets::{Harness, Target, Violation};

/// Build threads are rayon's, whose stacks are 2 MiB: inputs run on a
/// stack of that size so recursion fails here as it would in a build.
pub const STACK_SIZE: usize = 2 << 20;
/// Inputs up to this size must render within the slow limit.
pub const SLOW_SIZE_LIMIT: usize = 1 << 20;
/// A slow input whose time is more than this many times that of its first
/// half grows faster than linearly.
const SUPER_LINEAR: u32 = 3;
/// A first half faster than this fraction of the whole is a different
/// input, not a smaller one (quadratic growth gives a quarter, cubic an
/// eighth).
const INCOMPARABLE_HALF: u32 = 50;
/// Slower than this is too slow whatever the growth: a small YAML alias
/// chain before a long body makes the first half as slow as the whole.
/// A debug build renders Markdown at several hundred KB/s.
const MIN_BYTES_PER_SECOND: f64 = 50_000.0;
/// Inputs kept in the corpus stay small so mutating them stays fast.
const CORPUS_ENTRY_LIMIT: usize = 32 << 10;
const CORPUS_LIMIT: usize = 4096;

pub struct WorkerOptions {
    pub target: Target,
    pub seed: u64,
    pub seconds: f64,
    pub runs: Option<u64>,
    pub out: PathBuf,
    pub slow: Duration,
    pub max_len: usize,
    pub replay_seeds: bool,
    /// The slowest time of earlier workers of this run: the kept slowest
    /// input is replaced only by a slower one.
    pub slowest: Option<Duration>,
    pub repo: PathBuf,
    pub corpora: Option<PathBuf>,
}

/// The file a child writes each input to before running it.
pub fn current_input_file(out: &Path, target: Target, pid: u32) -> PathBuf {
    out.join(format!(".current-{}-{pid}", target.name()))
}

/// How one run of an input ended, short of killing the process.
pub enum Outcome {
    Clean(crate::targets::Features),
    Panic(String),
    Broken(Violation),
}

static LAST_PANIC: Mutex<Option<String>> = Mutex::new(None);

/// Panics are recorded, not printed: the loop reports them with their input.
pub fn quiet_panics() {
    panic::set_hook(Box::new(|info| {
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let place = info.location().map(|l| format!("{}:{}", l.file(), l.line())).unwrap_or_default();
        *LAST_PANIC.lock().unwrap_or_else(|e| e.into_inner()) = Some(format!("panicked at {place}: {message}"));
    }));
}

pub fn run_once(harness: &Harness, input: &[u8]) -> (Outcome, Duration) {
    let started = Instant::now();
    let result = panic::catch_unwind(AssertUnwindSafe(|| harness.run(input)));
    let elapsed = started.elapsed();
    let outcome = match result {
        Ok(Ok(features)) => Outcome::Clean(features),
        Ok(Err(violation)) => Outcome::Broken(violation),
        Err(_) => Outcome::Panic(LAST_PANIC.lock().unwrap_or_else(|e| e.into_inner()).take().unwrap_or_default()),
    };
    (outcome, elapsed)
}

/// `panicked at src/x.rs:16`: one finding per place that panics, whatever
/// text the message quotes.
pub fn panic_place(message: &str) -> String {
    message.split_once(": ").map_or(message, |(place, _)| place).to_string()
}

/// Digits and quoted text removed: one finding per kind of problem, not
/// per input that shows it.
pub fn shape(text: &str) -> String {
    let mut shaped = String::new();
    let mut quoted = false;
    let mut escaped = false;
    for c in text.chars() {
        if quoted && !escaped && c == '\\' {
            escaped = true;
            continue;
        }
        if c == '"' && !escaped {
            quoted = !quoted;
        } else if !quoted && !c.is_ascii_digit() {
            shaped.push(c);
        }
        escaped = false;
    }
    shaped
}

/// The mutation that shaped an input most (the largest repetition or
/// nesting, or an alias chain), without its numbers: slow inputs made the
/// same way are one finding.
pub fn structure(recipe: &[String]) -> String {
    let weight = |step: &str| -> Option<u64> {
        if let Some(chain) = step.strip_prefix("front matter of ") {
            // What the chain expands to: width to the power of levels.
            let numbers: Vec<u32> = chain.split(|c: char| !c.is_ascii_digit()).filter_map(|n| n.parse().ok()).collect();
            let [levels, width, ..] = numbers[..] else { return None };
            return Some(u64::from(width).saturating_pow(levels));
        }
        let (before, _) = step.split_once(" times").or_else(|| step.split_once(" deep"))?;
        before.rsplit(' ').next()?.parse().ok()
    };
    recipe
        .iter()
        .filter(|step| step.starts_with("repeat") || step.starts_with("nest") || step.starts_with("front matter"))
        .filter_map(|step| Some((weight(step)?, step)))
        .max_by_key(|(weight, _)| *weight)
        .map_or_else(|| "small edits".into(), |(_, step)| step.chars().filter(|c| !c.is_ascii_digit()).collect())
}

struct Entry {
    data: Vec<u8>,
    origin: String,
}

struct Worker {
    options: WorkerOptions,
    harness: Harness,
    mutator: Mutator,
    corpus: Vec<Entry>,
    seen: HashSet<u64>,
    /// Finding shape → size of the input saved for it.
    findings: HashMap<String, usize>,
    current: File,
    /// Where `current` came from, for the supervisor's note if it kills.
    current_recipe: File,
    slowest: Option<Duration>,
    execs: u64,
}

/// Runs the loop on a thread with a build thread's stack; returns the
/// process exit code.
pub fn main(options: WorkerOptions) -> i32 {
    quiet_panics();
    let thread = std::thread::Builder::new().stack_size(STACK_SIZE).spawn(move || fuzz(options));
    match thread.map(|t| t.join()) {
        Ok(Ok(code)) => code,
        _ => 2,
    }
}

fn fuzz(options: WorkerOptions) -> i32 {
    let harness = match Harness::new(options.target, &options.repo) {
        Ok(harness) => harness,
        Err(why) => {
            eprintln!("{why}");
            return 2;
        }
    };
    let max_len = options.target.max_len(options.max_len);
    let seeds = seeds::load(options.target, &options.repo, options.corpora.as_deref(), max_len);
    let current_path = current_input_file(&options.out, options.target, std::process::id());
    let files = File::create(&current_path).and_then(|f| Ok((f, File::create(current_path.with_extension("recipe"))?)));
    let (current, current_recipe) = match files {
        Ok(files) => files,
        Err(e) => {
            eprintln!("cannot write in {}: {e}", options.out.display());
            return 2;
        }
    };
    let mutator = Mutator::new(options.seed, options.target == Target::Paths, max_len);
    let mut worker = Worker {
        harness,
        mutator,
        corpus: Vec::new(),
        seen: HashSet::new(),
        findings: HashMap::new(),
        current,
        current_recipe,
        slowest: options.slowest,
        execs: 0,
        options,
    };
    say("ready");
    worker.run(seeds);
    say(&format!("done {}", worker.execs));
    0
}

/// One line to the supervisor.
fn say(line: &str) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{line}");
    let _ = out.flush();
}

impl Worker {
    fn run(&mut self, seeds: Vec<Seed>) {
        let deadline = Instant::now() + Duration::from_secs_f64(self.options.seconds);
        let mut last_report = Instant::now();
        // Every seed is a base for mutations; on the first start each also
        // runs once as it is.
        let mut pending: Vec<(Vec<u8>, String)> = Vec::new();
        for seed in seeds {
            if self.options.replay_seeds {
                pending.push((seed.data.clone(), seed.origin.clone()));
            }
            self.corpus.push(Entry { data: seed.data, origin: seed.origin });
        }
        pending.reverse();
        while Instant::now() < deadline && self.options.runs.is_none_or(|runs| self.execs < runs) {
            let (data, origin, recipe) = match pending.pop() {
                Some((data, origin)) => (data, origin, Vec::new()),
                None if self.corpus.is_empty() => (Vec::new(), "empty input".into(), Vec::new()),
                None => {
                    let base = &self.corpus[self.mutator.rng.usize(..self.corpus.len())];
                    let other = &self.corpus[self.mutator.rng.usize(..self.corpus.len())];
                    let mutant = self.mutator.mutate(&base.data, &other.data);
                    (mutant.data, base.origin.clone(), mutant.recipe)
                }
            };
            self.execute(data, origin, recipe);
            if last_report.elapsed() >= Duration::from_secs(1) {
                say(&format!("progress {} {}", self.execs, self.corpus.len()));
                last_report = Instant::now();
            }
        }
    }

    fn execute(&mut self, data: Vec<u8>, origin: String, recipe: Vec<String>) {
        // Written before the run: if the process dies, this is the culprit.
        let _ = self.current.set_len(0).and_then(|()| self.current.write_all_at(&data, 0));
        let mut story = Story { origin: &origin, recipe: &recipe, time: Duration::ZERO };
        let note = story.provenance();
        let _ = self.current_recipe.set_len(0).and_then(|()| self.current_recipe.write_all_at(note.as_bytes(), 0));
        let (outcome, time) = run_once(&self.harness, &data);
        self.execs += 1;
        story.time = time;
        if self.slowest.is_none_or(|slowest| time > slowest) {
            self.slowest = Some(time);
            let file = self.options.out.join(format!("slowest-{}.input", self.options.target.name()));
            write_input(&file, &data, &story.describe("slowest input so far", data.len()));
            say(&format!("slowest {} {} {}", time.as_micros(), data.len(), file.display()));
        }
        if time > self.options.slow && data.len() <= SLOW_SIZE_LIMIT {
            let half = self.half_time(&data);
            // Linear work takes about twice as long as its first half;
            // quadratic, four times. A debug build may spend over a second
            // on a large input linearly, so growth and speed are judged,
            // not the time alone.
            // A first half that costs next to nothing did not do the same
            // work (it cut the front matter's closing `---`, say): the
            // ratio then says nothing and only the speed is judged.
            let comparable = half * INCOMPARABLE_HALF > time;
            let super_linear = comparable && time > half * SUPER_LINEAR;
            let crawling = (data.len() as f64) < MIN_BYTES_PER_SECOND * time.as_secs_f64();
            if super_linear || crawling {
                let why = format!(
                    "took {:.2} s for {} bytes, its first half {:.2} s",
                    time.as_secs_f64(),
                    data.len(),
                    half.as_secs_f64()
                );
                self.finding("slow", &format!("slow {}", structure(&recipe)), &data, &why, &story);
            }
        }
        match outcome {
            Outcome::Clean(features) => {
                let mut novel = false;
                for feature in features {
                    novel |= self.seen.insert(feature);
                }
                if novel && data.len() <= CORPUS_ENTRY_LIMIT && self.corpus.len() < CORPUS_LIMIT {
                    self.corpus.push(Entry { data, origin });
                }
            }
            Outcome::Panic(message) => self.finding("panic", &panic_place(&message), &data, &message, &story),
            Outcome::Broken(violation) => {
                self.finding("property", &violation.kind, &data, &violation.message, &story);
            }
        }
    }

    /// The time of the input's first half: about half for a linear scan,
    /// a quarter of it or less for a quadratic one.
    fn half_time(&self, data: &[u8]) -> Duration {
        let mut end = data.len() / 2;
        while end > 0 && (data[end] & 0xC0) == 0x80 {
            end -= 1;
        }
        run_once(&self.harness, &data[..end]).1
    }

    /// Saves the input of a finding, keeping the smallest input of each kind.
    fn finding(&mut self, kind: &str, key: &str, data: &[u8], why: &str, story: &Story<'_>) {
        let target = self.options.target.name();
        let name = format!("{kind}-{target}-{:016x}", crate::stable_hash(key.as_bytes()));
        let file = self.options.out.join(format!("{name}.input"));
        match self.findings.get(key) {
            Some(&saved) if saved <= data.len() => return,
            Some(_) => {}
            None => say(&format!("finding {kind} {} {}", file.display(), why.replace('\n', " "))),
        }
        self.findings.insert(key.to_string(), data.len());
        write_input(&file, data, &story.describe(why, data.len()));
    }
}

/// Where an input came from, for the note saved beside it.
struct Story<'a> {
    origin: &'a str,
    recipe: &'a [String],
    time: Duration,
}

impl Story<'_> {
    fn describe(&self, why: &str, len: usize) -> String {
        format!("{why}\nsize: {len} bytes\ntime: {:.3} s\n{}", self.time.as_secs_f64(), self.provenance())
    }

    fn provenance(&self) -> String {
        let recipe = if self.recipe.is_empty() { "as is".to_string() } else { self.recipe.join("\n  then ") };
        format!("from: {}\nmade by: {recipe}\n", self.origin)
    }
}

fn write_input(file: &Path, data: &[u8], note: &str) {
    let _ = std::fs::write(file, data);
    let _ = std::fs::write(file.with_extension("txt"), note);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_ignore_numbers_and_quoted_inputs() {
        assert_eq!(shape(r#"slug_segments("a\"b") gave "" at 12"#), shape(r#"slug_segments("zz") gave "x" at 3"#));
        assert_ne!(shape("panicked at src/a.rs:1: x"), shape("panicked at src/b.rs:1: x"));
    }

    #[test]
    fn slow_inputs_made_alike_are_one_finding() {
        let steps = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let first = steps(&["insert \"x\" at 3", "repeat \"{% \" 4000 times at 12", "repeat \"a\" 3 times at 0"]);
        let second = steps(&["repeat \"{% \" 90 times at 1", "delete 3..9"]);
        assert_eq!(structure(&first), structure(&second));
        assert_ne!(structure(&first), structure(&steps(&["nest 1..2 in \"<Note>\" 40 deep"])));
    }
}
