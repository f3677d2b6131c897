//! Outputs checked before anything is written: two inputs that would be written to the same
//! output, an output folder inside an input folder, an output file that is an input. Each is an
//! error naming the paths involved, raised before the first write, so a refused run leaves every
//! file as it was (`mtclean fix --out-dir out a/x.txt b/x.txt` writes nothing).
//!
//! Paths are compared by their real path (symlinks and `..` resolved; for an output that does not
//! exist yet, its nearest existing folder resolved and the rest appended), so `./d` and `d/` or a
//! symlinked folder are the same folder. Limit: a hard link to an input under another name is not
//! recognised as the input.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

/// The real path of `path`, whether or not it exists yet.
pub fn real_path(path: &Path) -> PathBuf {
    if let Ok(real) = std::fs::canonicalize(path) {
        return real;
    }
    let absolute = std::env::current_dir()
        .map(|dir| dir.join(path))
        .unwrap_or_else(|_| path.to_path_buf());
    // Resolve the longest existing ancestor, then append the rest lexically.
    let mut rest = Vec::new();
    let mut base = absolute.as_path();
    loop {
        if let Ok(real) = std::fs::canonicalize(base) {
            let mut out = real;
            for part in rest.iter().rev() {
                match part {
                    Component::ParentDir => {
                        out.pop();
                    }
                    Component::CurDir => {}
                    other => out.push(other),
                }
            }
            return out;
        }
        match (base.parent(), base.components().next_back()) {
            (Some(parent), Some(last)) => {
                rest.push(last);
                base = parent;
            }
            _ => return absolute,
        }
    }
}

/// One output a run would write and the input it comes from.
pub struct Planned<'a> {
    pub input: &'a Path,
    pub output: PathBuf,
}

/// Refuses an output folder equal to or inside a folder argument, an output that is an input,
/// and two inputs with the same output.
pub fn check_out_dir(
    out_dir: &Path,
    arguments: &[PathBuf],
    planned: &[Planned],
) -> Result<(), String> {
    let real_out = real_path(out_dir);
    for argument in arguments.iter().filter(|a| a.is_dir()) {
        if real_out.starts_with(real_path(argument)) {
            return Err(format!(
                "the output folder {} is inside the input folder {}; refused (nothing written)",
                out_dir.display(),
                argument.display()
            ));
        }
    }
    let inputs: HashMap<PathBuf, &Path> = planned
        .iter()
        .map(|p| (real_path(p.input), p.input))
        .collect();
    let mut outputs: HashMap<PathBuf, &Path> = HashMap::new();
    for plan in planned {
        let real = real_path(&plan.output);
        if let Some(input) = inputs.get(&real) {
            return Err(format!(
                "{} would be written over the input {} (the output is inside the inputs); \
                 refused (nothing written)",
                plan.output.display(),
                input.display()
            ));
        }
        if let Some(first) = outputs.insert(real, plan.input) {
            return Err(format!(
                "{} and {} would both be written to {}; refused (nothing written)",
                first.display(),
                plan.input.display(),
                plan.output.display()
            ));
        }
    }
    Ok(())
}

/// Refuses an output file (`report -o`, `--stats`) that is one of the inputs.
pub fn check_not_an_input(output: &Path, inputs: &[PathBuf], flag: &str) -> Result<(), String> {
    let real = real_path(output);
    match inputs.iter().find(|input| real_path(input) == real) {
        Some(input) => Err(format!(
            "{flag} {}: is an input ({}); refused (nothing written)",
            output.display(),
            input.display()
        )),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_path_resolves_through_its_existing_folder() {
        let dir = tempfile::tempdir().unwrap();
        let root = std::fs::canonicalize(dir.path()).unwrap();
        assert_eq!(real_path(&root.join("a/./b/../c")), root.join("a/c"));
        std::fs::create_dir(root.join("d")).unwrap();
        assert_eq!(real_path(&root.join("d/../d/x")), root.join("d/x"));
    }

    #[test]
    fn collisions_and_outputs_over_inputs_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for name in ["a/x.txt", "b/x.txt"] {
            std::fs::create_dir_all(root.join(name).parent().unwrap()).unwrap();
            std::fs::write(root.join(name), "x").unwrap();
        }
        let (a, b) = (root.join("a/x.txt"), root.join("b/x.txt"));
        let out = root.join("out");
        fn plan(input: &Path, output: PathBuf) -> Planned<'_> {
            Planned { input, output }
        }
        let both = [plan(&a, out.join("x.txt")), plan(&b, out.join("x.txt"))];
        let err = check_out_dir(&out, &[a.clone(), b.clone()], &both).unwrap_err();
        assert!(err.contains("a/x.txt") && err.contains("b/x.txt"), "{err}");
        let distinct = [plan(&a, out.join("a.txt")), plan(&b, out.join("b.txt"))];
        assert!(check_out_dir(&out, &[a.clone(), b.clone()], &distinct).is_ok());
        let over = [plan(&a, root.join("b/../a/x.txt"))];
        assert!(check_out_dir(root, std::slice::from_ref(&a), &over).is_err());
        let inside = check_out_dir(&root.join("a/out"), &[root.join("a")], &[]).unwrap_err();
        assert!(inside.contains("inside"), "{inside}");
        assert!(check_not_an_input(&a, &[b.clone(), a.clone()], "-o").is_err());
        assert!(check_not_an_input(&out, &[a, b], "-o").is_ok());
    }
}
