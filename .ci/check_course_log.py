#!/usr/bin/env python3
"""Compares a `backprop train --log` file of the course's L-layer or two-layer run with the
published numbers, read straight from ../shared/reference/course-reference.md.

usage: check_course_log.py LOG.jsonl two-layer|l-layer [REFERENCE.md]
Exit status 0 when every cost at iterations 0, 100, ..., 2400 and both accuracies match:
two-layer costs to 1e-12 relative; L-layer costs to the 6 printed decimals (and 1e-9 relative
where the full value is published); accuracies exactly.
"""
import json
import re
import sys


def published(reference_text, model):
    start = reference_text.index("Two-layer model" if model == "two-layer" else "L-layer model [12288")
    section = reference_text[start:]
    end = section.find("Accuracy:")
    table = section[:end]
    costs = {}
    for row in table.splitlines():
        cells = [c.strip() for c in row.strip().strip("|").split("|")]
        for i in range(0, len(cells) - 1, 2):
            if re.fullmatch(r"\d+", cells[i]) and re.fullmatch(r"[0-9.]+", cells[i + 1]):
                costs[int(cells[i])] = float(cells[i + 1])
    full = {}
    m = re.search(r"full value at iteration 0 is ([0-9.]+) and at (\d+) is ([0-9.]+)", table)
    if m:
        full = {0: float(m.group(1)), int(m.group(2)): float(m.group(3))}
    acc = section[end:].split("\n")[0]
    train, test = re.findall(r"(train|test) ([0-9]+(?:\.[0-9]+)?)", acc)
    return costs, full, float(train[1]), float(test[1])


def main():
    log_path, model = sys.argv[1], sys.argv[2]
    reference = sys.argv[3] if len(sys.argv) > 3 else "../shared/reference/course-reference.md"
    costs, full, train_acc, test_acc = published(open(reference).read(), model)
    assert len(costs) == 25, f"parsed {len(costs)} published costs"
    records = [json.loads(line) for line in open(log_path) if line.strip()]
    logged = {r["iteration"]: r["cost"] for r in records if "cost" in r and "iteration" in r}
    final = [r for r in records if "train_accuracy" in r]
    problems = []
    for it, expected in sorted(costs.items()):
        if it not in logged:
            problems.append(f"iteration {it}: no cost in the log")
            continue
        got = logged[it]
        if model == "two-layer":
            if abs(got - expected) > 1e-12 * abs(expected):
                problems.append(f"iteration {it}: {got!r} vs published {expected!r}")
        else:
            if round(got, 6) != round(expected, 6):
                problems.append(f"iteration {it}: {got!r} prints as {got:.6f}, published {expected:.6f}")
            if it in full and abs(got - full[it]) > 1e-9 * abs(full[it]):
                problems.append(f"iteration {it}: {got!r} vs published {full[it]!r}")
    if not final:
        problems.append("no final line with train_accuracy in the log")
    else:
        if final[-1]["train_accuracy"] != train_acc:
            problems.append(f"train accuracy {final[-1]['train_accuracy']} vs published {train_acc}")
        if final[-1].get("test_accuracy") != test_acc:
            problems.append(f"test accuracy {final[-1].get('test_accuracy')} vs published {test_acc}")
    for p in problems:
        print("MISMATCH", model, p)
    if problems:
        sys.exit(1)
    print(f"{model}: backprop train's --log reproduces all 25 published costs and both accuracies")


main()
