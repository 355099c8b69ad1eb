//! Progress of long work, told to whoever shows it (the binary draws bars
//! on a terminal; tests and the preview pass nothing). The library only
//! says which step runs and how far it is; it never draws.

use std::sync::Arc;

/// What shows progress: a step starts with the number of items it will
/// handle (0 when unknown), items complete, the step ends.
pub trait ProgressSink: Send + Sync {
    fn start(&self, step: &'static str, items: u64);
    fn advance(&self, items: u64);
    fn finish(&self);
}

/// A handle the stages report to; does nothing unless the caller gave a
/// sink.
#[derive(Clone, Default)]
pub struct Progress(Option<Arc<dyn ProgressSink>>);

impl Progress {
    pub fn to(sink: Arc<dyn ProgressSink>) -> Progress {
        Progress(Some(sink))
    }

    pub fn start(&self, step: &'static str, items: usize) {
        if let Some(sink) = &self.0 {
            sink.start(step, items as u64);
        }
    }

    pub fn advance(&self) {
        if let Some(sink) = &self.0 {
            sink.advance(1);
        }
    }

    pub fn finish(&self) {
        if let Some(sink) = &self.0 {
            sink.finish();
        }
    }
}

impl std::fmt::Debug for Progress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() { "Progress(shown)" } else { "Progress(none)" })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    #[derive(Default)]
    struct Recorder(Mutex<Vec<String>>);

    impl ProgressSink for Recorder {
        fn start(&self, step: &'static str, items: u64) {
            self.0.lock().unwrap().push(format!("start {step} {items}"));
        }
        fn advance(&self, items: u64) {
            self.0.lock().unwrap().push(format!("+{items}"));
        }
        fn finish(&self) {
            self.0.lock().unwrap().push("finish".into());
        }
    }

    #[test]
    fn a_build_reports_each_step_with_its_item_count() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content/en")).unwrap();
        std::fs::write(dir.path().join("site.yaml"), "languages: [en]\n").unwrap();
        for name in ["a", "b", "c"] {
            std::fs::write(dir.path().join(format!("content/en/{name}.md")), "---\ntitle: T\n---\nx\n").unwrap();
        }
        let recorder = Arc::new(Recorder::default());
        let options = crate::BuildOptions {
            site_dir: dir.path().to_path_buf(),
            output_dir: Some(dir.path().join("out")),
            progress: Progress::to(recorder.clone()),
            ..Default::default()
        };
        crate::build(&options, false).unwrap();
        let events = recorder.0.lock().unwrap().clone();
        let starts: Vec<&String> = events.iter().filter(|e| e.starts_with("start")).collect();
        assert_eq!(starts.first().map(|s| s.as_str()), Some("start reading 3"), "{events:?}");
        assert!(starts.iter().any(|s| s.as_str() == "start rendering articles 3"), "{events:?}");
        assert!(starts.iter().any(|s| s.starts_with("start writing")), "{events:?}");
        assert!(events.iter().filter(|e| *e == "+1").count() >= 6, "{events:?}");
        assert_eq!(
            events.iter().filter(|e| e.starts_with("start")).count(),
            events.iter().filter(|e| *e == "finish").count()
        );
    }
}
