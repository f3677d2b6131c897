//! `mtclean fix --jsonl`: one field of every record cleaned, streamed in batches, every other byte
//! kept.

use indicatif::ProgressBar;
use rayon::prelude::*;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};

use mtclean::batch::guard;
use mtclean::input::{self};
use mtclean::jsonl::{self, FieldPath, Skip};
use mtclean::stats::Stats;
use mtclean::{Cleaner, Error, Policy};

use super::common::*;
use super::fix::*;

/// Lines read before a batch is cleaned in parallel; a batch also ends when the input has nothing
/// more buffered, so a slow producer (a pipe stage) gets each record back at once.
pub(crate) const BATCH_LINES: usize = 1024;
pub(crate) const BATCH_BYTES: usize = 8 << 20;

/// What stays the same for every JSON-lines stream of a run.
pub(crate) struct JsonlRun<'a> {
    pub(crate) cleaner: &'a Cleaner,
    pub(crate) policy: Policy,
    pub(crate) field: FieldPath,
    pub(crate) add_field: Option<&'a str>,
    pub(crate) bar: ProgressBar,
}

impl JsonlRun<'_> {
    /// Cleans a JSON-lines stream record by record, in parallel batches, in order, flushing after
    /// each batch; a note per bad record goes to `notes` as it is met.
    fn stream<R: Read>(
        &self,
        name: &str,
        reader: &mut BufReader<R>,
        out: &mut dyn Write,
        stats: &mut Stats,
        notes: &mut dyn Write,
    ) -> std::io::Result<()> {
        clean_jsonl_stream(self, name, reader, out, stats, notes)
    }
}

pub(crate) fn clean_jsonl_stream<R: Read>(
    run: &JsonlRun,
    name: &str,
    reader: &mut BufReader<R>,
    out: &mut dyn Write,
    stats: &mut Stats,
    notes: &mut dyn Write,
) -> std::io::Result<()> {
    let JsonlRun {
        cleaner,
        policy,
        field,
        add_field,
        bar,
    } = run;
    let (cleaner, policy, add_field) = (*cleaner, *policy, *add_field);
    let mut line_number = 0usize;
    loop {
        let mut batch: Vec<(usize, Vec<u8>)> = Vec::new();
        let mut batch_bytes = 0;
        loop {
            let mut raw = Vec::new();
            if reader.read_until(b'\n', &mut raw)? == 0 {
                break;
            }
            line_number += 1;
            batch_bytes += raw.len();
            batch.push((line_number, raw));
            if batch.len() >= BATCH_LINES
                || batch_bytes >= BATCH_BYTES
                || reader.buffer().is_empty()
            {
                break;
            }
        }
        if batch.is_empty() {
            return Ok(());
        }
        let cleaned: Vec<(Vec<u8>, Stats, Option<String>)> = batch
            .par_iter()
            .map(|(number, raw)| {
                let ending_len = if raw.ends_with(b"\r\n") {
                    2
                } else {
                    usize::from(raw.ends_with(b"\n"))
                };
                let (body, ending) = raw.split_at(raw.len() - ending_len);
                let mut record_stats = Stats {
                    records: 1,
                    bytes: raw.len() as u64,
                    ..Stats::default()
                };
                let text = match std::str::from_utf8(body) {
                    Ok(text) => text,
                    Err(e) => {
                        record_stats.errors += 1;
                        record_stats.records_passed_through += 1;
                        let note = format!(
                            "mtclean: {name}:{number}: invalid UTF-8 at byte {} of the record; passed through unchanged",
                            e.valid_up_to()
                        );
                        return (raw.clone(), record_stats, Some(note));
                    }
                };
                let record = jsonl::clean_record(cleaner, text, field, policy, add_field);
                let note = match &record.skipped {
                    Some(Skip::Empty) | None => None,
                    Some(skip) => {
                        record_stats.records_passed_through += 1;
                        Some(format!("mtclean: {name}:{number}: {skip}"))
                    }
                };
                if let Some(outcome) = &record.outcome {
                    record_stats.add_outcome(outcome);
                    record_stats.records_changed = usize::from(record.line != text);
                }
                let mut bytes = record.line.into_bytes();
                bytes.extend_from_slice(ending);
                (bytes, record_stats, note)
            })
            .collect();
        for (bytes, record_stats, note) in cleaned {
            if let Some(note) = note {
                writeln!(notes, "{note}")?;
            }
            out.write_all(&bytes)?;
            stats.merge(&record_stats);
        }
        out.flush()?;
        bar.inc(batch.len() as u64);
    }
}

pub(crate) fn run_fix_jsonl(
    args: &FixArgs,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> anyhow::Result<Status> {
    if args.diff || args.check {
        writeln!(
            stderr,
            "mtclean: --jsonl works with stdout, --write or --out-dir (not --diff or --check)"
        )?;
        return Ok(Status::Error);
    }
    let mut stats = Stats::default();
    let files: Vec<PathBuf> = if args.files.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.files.clone()
    };
    if files.len() > 1 && !args.write && args.out_dir.is_none() && files.iter().any(|f| is_stdin(f))
    {
        writeln!(stderr, "mtclean: stdin cannot be mixed with files")?;
        return Ok(Status::Error);
    }
    if let Some(stats) = &args.stats {
        guard::check_not_an_input(stats, &files, "--stats").map_err(anyhow::Error::msg)?;
    }
    if let Some(dir) = &args.out_dir {
        let planned: Vec<guard::Planned> = files
            .iter()
            .map(|path| guard::Planned {
                input: path,
                output: jsonl_target(dir, path),
            })
            .collect();
        guard::check_out_dir(dir, &files, &planned).map_err(anyhow::Error::msg)?;
    }
    let paths: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    let cleaners = Cleaners::new(&args.common, &paths)?;
    let (cleaner, policy) = cleaners.of(0);
    let mut run = JsonlRun {
        cleaner,
        policy,
        field: FieldPath::parse(&args.field),
        add_field: args.add_field.as_deref(),
        bar: progress_bar(0, args.quiet, "records"),
    };
    for (i, path) in files.iter().enumerate() {
        (run.cleaner, run.policy) = cleaners.of(i);
        let name = display_name(path);
        if is_stdin(path) {
            if args.write || args.out_dir.is_some() {
                writeln!(
                    stderr,
                    "mtclean: --write and --out-dir need files, not stdin"
                )?;
                return Ok(Status::Error);
            }
            let mut reader = BufReader::new(std::io::stdin());
            run.stream(&name, &mut reader, stdout, &mut stats, stderr)?;
            continue;
        }
        // A FIFO or device is neither opened (it could block) nor replaced by a plain file.
        let opened = match std::fs::metadata(path) {
            Ok(metadata) if !metadata.is_file() => Err(input::not_regular()),
            _ => std::fs::File::open(path),
        };
        let file = match opened {
            Ok(file) => file,
            Err(source) => {
                writeln!(
                    stderr,
                    "mtclean: {}",
                    Error::Io {
                        path: path.clone(),
                        source
                    }
                )?;
                stats.errors += 1;
                continue;
            }
        };
        stats.files += 1;
        let mut reader = BufReader::new(file);
        let target = if args.write {
            Some(path.clone())
        } else {
            args.out_dir.as_ref().map(|dir| jsonl_target(dir, path))
        };
        match target {
            None => run.stream(&name, &mut reader, stdout, &mut stats, stderr)?,
            Some(target) => {
                // In place, a file with no changed record is left alone (inode and links kept).
                let in_place = args.write;
                let written = write_stream_atomically(&target, path, |out| {
                    let before = stats.records_changed;
                    run.stream(&name, &mut reader, out, &mut stats, stderr)?;
                    Ok(!in_place || stats.records_changed > before)
                });
                if let Err(e) = written {
                    writeln!(stderr, "mtclean: {}: {e}", target.display())?;
                    stats.errors += 1;
                }
            }
        }
    }
    run.bar.finish_and_clear();
    if !finish(&stats, args.stats.as_deref(), args.quiet, true, stderr)? {
        return Ok(Status::Error);
    }
    Ok(if stats.errors > 0 {
        Status::Error
    } else {
        Status::Clean
    })
}

/// Where `--out-dir DIR` writes a JSON-lines input: DIR/its file name.
fn jsonl_target(dir: &Path, path: &Path) -> PathBuf {
    dir.join(path.file_name().unwrap_or(path.as_os_str()))
}

/// Streams into a temporary file next to `target`, then renames it over `target` with the
/// permissions, owner and group of `like` (a crash leaves the old file whole), unless `fill`
/// says the result is not worth keeping. A symlinked target is written where it points.
pub(crate) fn write_stream_atomically(
    target: &Path,
    like: &Path,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<bool>,
) -> std::io::Result<()> {
    let dir = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let metadata = std::fs::metadata(like)?;
    let target = match std::fs::metadata(target) {
        Ok(existing) if !existing.is_file() => return Err(input::not_regular()),
        Ok(existing) if existing.permissions().readonly() => {
            return Err(std::io::Error::new(
                std::io::ErrorKind::PermissionDenied,
                "file is read-only; not rewritten",
            ));
        }
        Ok(_) => std::fs::canonicalize(target)?,
        Err(_) => target.to_path_buf(),
    };
    input::write_atomic_like(&target, Some(&metadata), fill).map(|_| ())
}
