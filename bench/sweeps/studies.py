"""Reads sweep benchmark studies from their SQLite files and prints the benchmark table (see run.sh)."""
import datetime
import json
import sqlite3
import statistics
import sys


def when(text):
    """A UTC time as MlCnn writes it (ISO 8601 with 7 fraction digits and Z)."""
    text = text.rstrip("Z")
    if "." in text:
        whole, fraction = text.split(".")
        text = whole + "." + fraction[:6]
    return datetime.datetime.fromisoformat(text)


def study(path):
    """Best validation accuracy, seconds from the first claim to the end of the trial that found it, epochs, trials, wall seconds."""
    db = sqlite3.connect(path)
    rows = db.execute("SELECT id, number, state, value, started, finished FROM mlcnn_trials ORDER BY number").fetchall()
    epochs = db.execute("SELECT COUNT(*) FROM mlcnn_trial_epochs").fetchone()[0]
    start = min(when(r[4]) for r in rows)
    end = max(when(r[5]) for r in rows if r[5])
    complete = [r for r in rows if r[2] == "Complete"]
    best = max(complete, key=lambda r: (r[3], -r[1]))
    return {
        "best": best[3],
        "to_best": (when(best[5]) - start).total_seconds(),
        "epochs": epochs,
        "trials": sum(1 for r in rows if r[2] in ("Complete", "Pruned")),
        "pruned": sum(1 for r in rows if r[2] == "Pruned"),
        "wall": (end - start).total_seconds(),
    }


def spread(values, fmt):
    return f"{fmt.format(statistics.median(values))} ({fmt.format(min(values))}–{fmt.format(max(values))})"


if __name__ == "__main__":
    kind = sys.argv[1]
    if kind == "search":
        runs = json.loads(sys.argv[2])
        print("| strategy | best val. accuracy | seconds to reach it | epochs used | trials (pruned) | test accuracy of the best |")
        print("|---|---|---|---|---|---|")
        for name, entries in runs.items():
            found = [dict(study(e["db"]), test=e["test"]) for e in entries]
            print(f"| {name} | {spread([f['best'] for f in found], '{:.4f}')} | {spread([f['to_best'] for f in found], '{:.0f}')} | "
                  f"{spread([f['epochs'] for f in found], '{:.0f}')} | {spread([f['trials'] for f in found], '{:.0f}')} "
                  f"({spread([f['pruned'] for f in found], '{:.0f}')}) | {spread([f['test'] for f in found], '{:.4f}')} |")
    else:
        runs = json.loads(sys.argv[2])
        print("| workers | threads each | wall seconds | trials per minute | ratio to 1 worker |")
        print("|---|---|---|---|---|")
        walls = {k: [study(db)["wall"] for db in dbs] for k, dbs in runs.items()}
        for k, w in walls.items():
            trials = study(runs[k][0])["trials"]
            ratios = [a / b for a, b in zip(walls["1"], w)]
            print(f"| {k} | {2 // int(k)} | {spread(w, '{:.1f}')} | {spread([60 * trials / x for x in w], '{:.1f}')} | {spread(ratios, '{:.2f}')} |")
