//! Input arguments shared by subcommands: files, directories and `-`, and read options.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::Args;
use dyad_text::Document;
use dyad_text::read::{Limits, ReadOptions, Sink, Warning, parse_format, read_path_into};

/// Where documents come from and how to read them.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Input files, directories (read recursively) or patterns (`news/*.jsonl`); `-` or
    /// nothing reads standard input.
    #[arg(value_name = "FILE")]
    pub inputs: Vec<PathBuf>,
    /// Read every input as this format instead of choosing by extension and content.
    #[arg(long = "input-format", value_name = "text|jsonl|html|feed|warc")]
    pub input_format: Option<String>,
    /// Largest document (or JSON Lines line) to read, in bytes; longer text is cut with a
    /// warning, longer JSON articles are skipped with an error.
    #[arg(long, value_name = "BYTES", default_value_t = Limits::default().max_document_bytes)]
    pub max_document_bytes: usize,
    /// Most bytes read from one gzip-compressed input once decompressed (no zip bombs);
    /// reading stops there with a warning.
    #[arg(long, value_name = "BYTES", default_value_t = Limits::default().max_decompressed_bytes)]
    pub max_decompressed_bytes: u64,
    /// Deepest element nesting of an HTML page or feed; a deeper one is refused with an error.
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_html_depth)]
    pub max_html_depth: usize,
}

impl InputArgs {
    /// The read options these arguments ask for.
    pub fn read_options(&self) -> Result<ReadOptions> {
        let format = self.input_format.as_deref().map(parse_format).transpose()?;
        Ok(ReadOptions {
            format,
            limits: Limits {
                max_document_bytes: self.max_document_bytes,
                max_decompressed_bytes: self.max_decompressed_bytes,
                max_html_depth: self.max_html_depth,
                ..Limits::default()
            },
        })
    }

    /// Reads every input and calls `each` with each document as it is read (streaming).
    /// Warnings and per-article errors go to standard error and reading goes on; an error
    /// returned by `each` stops everything. Returns true when an input or article failed.
    pub fn for_each_document(
        &self,
        mut each: impl FnMut(&Path, &Document) -> Result<()>,
    ) -> Result<bool> {
        let opts = self.read_options()?;
        let mut failed = false;
        for path in self.files()? {
            let mut sink = PrintingSink {
                path: &path,
                each: &mut each,
                failed: &mut failed,
                result: Ok(()),
            };
            if let Err(e) = read_path_into(&path, &opts, &mut sink) {
                eprintln!("error: {e}");
                *sink.failed = true;
            }
            sink.result?;
        }
        Ok(failed)
    }

    /// Expands the inputs: directories to their files (sorted, recursively, hidden files
    /// skipped); no input means standard input.
    pub fn files(&self) -> Result<Vec<PathBuf>> {
        if self.inputs.is_empty() {
            return Ok(vec![PathBuf::from("-")]);
        }
        let mut out = Vec::new();
        for input in &self.inputs {
            expand(input, &mut out)?;
        }
        Ok(out)
    }
}

fn expand(path: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    // A pattern the shell did not expand ("news/*.jsonl" quoted, or on Windows).
    let s = path.to_string_lossy();
    if !path.exists() && s.contains(['*', '?', '[']) {
        let mut matched = false;
        for entry in glob::glob(&s).with_context(|| format!("{s}: invalid pattern"))? {
            let p = entry.with_context(|| format!("{s}: cannot read a match"))?;
            expand(&p, out)?;
            matched = true;
        }
        anyhow::ensure!(matched, "{s}: no file matches this pattern");
        return Ok(());
    }
    if path == Path::new("-") || !path.is_dir() {
        out.push(path.to_owned());
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
        .with_context(|| format!("{}: cannot list directory", path.display()))?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()
        .with_context(|| format!("{}: cannot list directory", path.display()))?;
    entries.sort();
    for entry in entries {
        let hidden = entry
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        let readme = entry
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.eq_ignore_ascii_case("README.md") || n.starts_with("LICENSE"));
        if !hidden && !readme {
            expand(&entry, out)?;
        }
    }
    Ok(())
}

/// Passes documents to a callback and prints warnings and errors.
struct PrintingSink<'a, F> {
    path: &'a Path,
    each: &'a mut F,
    failed: &'a mut bool,
    result: Result<()>,
}

impl<F: FnMut(&Path, &Document) -> Result<()>> Sink for PrintingSink<'_, F> {
    fn document(&mut self, doc: Document) {
        if self.result.is_ok() {
            self.result = (self.each)(self.path, &doc);
        }
    }
    fn warning(&mut self, warning: Warning) {
        eprintln!("warning: {warning}");
    }
    fn error(&mut self, error: dyad_text::Error) {
        eprintln!("error: {error}");
        *self.failed = true;
    }
}
