#!/usr/bin/env python3
"""Person search recall: the same names searched on two servers (or one server with two settings), compared.

  recall.py fetch PORT TOKEN_FILE TERMS_FILE OUT.json   # GET /api/v1/people?q= for each distinct term, on 127.0.0.1
  recall.py compare CANDIDATE.json REFERENCE.json      # what CANDIDATE misses of what REFERENCE found

The token is read from a file (never from the command line). Only ids and scores are kept, no names.
See docs/benchmarks.md, "Person search at 1M people: speed against recall".
"""
import json
import sys
import urllib.parse
import urllib.request


def fetch(port, token_file, terms_file, out):
    token = open(token_file, encoding="utf-8").read().strip()
    terms = sorted({line.strip() for line in open(terms_file, encoding="utf-8") if line.strip()})
    found = {}
    for term in terms:
        request = urllib.request.Request(
            "http://127.0.0.1:%d/api/v1/people?q=%s" % (int(port), urllib.parse.quote(term)),
            headers={"Authorization": "Bearer " + token})
        with urllib.request.urlopen(request, timeout=60) as answer:
            found[term] = [[person["id"], round(person.get("score", 0), 3)] for person in json.load(answer)]
    with open(out, "w", encoding="utf-8") as f:
        json.dump(found, f)
    print("%d terms searched" % len(found))


def compare(candidate_file, reference_file):
    candidate = json.load(open(candidate_file, encoding="utf-8"))
    reference = json.load(open(reference_file, encoding="utf-8"))
    terms = sorted(reference)
    empty_candidate = sum(1 for t in terms if not candidate[t])
    empty_reference = sum(1 for t in terms if not reference[t])
    same_best = sum(1 for t in terms if candidate[t] and reference[t] and candidate[t][0][1] == reference[t][0][1])
    worse_best = sum(1 for t in terms if reference[t] and (not candidate[t] or candidate[t][0][1] < reference[t][0][1]))
    missing = total = 0
    for t in terms:
        ids = {person for person, _ in candidate[t]}
        floor = candidate[t][-1][1] if len(candidate[t]) == 20 else 0
        for person, score in reference[t]:
            total += 1
            if person not in ids and score > floor:
                missing += 1
    identical = sum(1 for t in terms if candidate[t] == reference[t])
    print("terms %d; empty answers: %d (reference %d); same best score %d; worse best score %d; "
          "reference matches missing at a better score than the candidate's last: %d of %d; "
          "identical answers (same people, order and scores): %d"
          % (len(terms), empty_candidate, empty_reference, same_best, worse_best, missing, total, identical))


if __name__ == "__main__":
    if len(sys.argv) == 6 and sys.argv[1] == "fetch":
        fetch(*sys.argv[2:])
    elif len(sys.argv) == 4 and sys.argv[1] == "compare":
        compare(*sys.argv[2:])
    else:
        sys.exit(__doc__)
