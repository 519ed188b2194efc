#!/usr/bin/env python3
"""Lists Swift functions, initialisers, accessors and closures-bodied declarations in Sources/
whose body is longer than a limit (default 80 lines), and fails when there is one.

Usage: scripts/checks/long_functions.py [--limit N] [ROOT...]

A body is counted from the line of its declaration (`func`, `init`, `deinit`, `subscript`, or a
computed `var` with a body) to the line of its closing brace. Strings and comments are skipped when
braces are matched, so a brace inside a literal does not end a body.
"""
import re
import sys
from pathlib import Path

DECL = re.compile(r'^\s*(?:@\w+(?:\([^)]*\))?\s+)*(?:(?:public|private|fileprivate|internal|package|open|static|class|final|override|mutating|nonmutating|convenience|required|nonisolated|dynamic|lazy)\s+)*(func\s+[^\s(<]+|init[?!]?\s*[(<]|deinit\b|subscript\s*[(<]|var\s+\w+\s*:[^=]*\{\s*$)')


def strip(text):
    """The text with string literals and comments blanked (newlines kept)."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith('//', i):
            j = text.find('\n', i)
            j = n if j < 0 else j
            out.append(' ' * (j - i)); i = j
        elif text.startswith('/*', i):
            j = text.find('*/', i + 2)
            j = n if j < 0 else j + 2
            out.append(''.join(ch if ch == '\n' else ' ' for ch in text[i:j])); i = j
        elif text.startswith('"""', i):
            j = text.find('"""', i + 3)
            j = n if j < 0 else j + 3
            out.append(''.join(ch if ch == '\n' else ' ' for ch in text[i:j])); i = j
        elif c == '"':
            j = i + 1
            depth = 0
            while j < n:
                if text[j] == '\\' and j + 1 < n and text[j + 1] == '(':
                    depth += 1; j += 2; continue
                if text[j] == '\\':
                    j += 2; continue
                if depth and text[j] == ')':
                    depth -= 1
                elif not depth and text[j] in '"\n':
                    break
                j += 1
            out.append(' ' * (j + 1 - i)); i = j + 1
        else:
            out.append(c); i += 1
    return ''.join(out)


def long_bodies(path, limit):
    text = strip(path.read_text())
    lines = text.split('\n')
    found = []
    for number, line in enumerate(lines):
        match = DECL.match(line)
        if not match:
            continue
        # Find the body's opening brace (the declaration may span lines), then its match.
        offset = sum(len(l) + 1 for l in lines[:number])
        start = text.find('{', offset)
        header = text[offset:start] if start >= 0 else ''
        if start < 0 or header.count('\n') > 12 or ('func' in match.group(1) and re.search(r'\n\s*(func|var|let|}|case)\b', header)):
            continue
        depth, i = 0, start
        while i < len(text):
            if text[i] == '{':
                depth += 1
            elif text[i] == '}':
                depth -= 1
                if depth == 0:
                    break
            i += 1
        end = text.count('\n', 0, i)
        length = end - number + 1
        if length > limit:
            found.append((length, number + 1, match.group(1).strip()))
    return found


def main(argv):
    limit = 80
    if argv[:1] == ['--limit']:
        limit, argv = int(argv[1]), argv[2:]
    roots = [Path(a) for a in argv] or [Path('Sources')]
    failures = []
    for root in roots:
        for path in sorted(root.rglob('*.swift')):
            for length, line, name in long_bodies(path, limit):
                failures.append(f'{path}:{line}: {name} is {length} lines (limit {limit})')
    for failure in failures:
        print(failure)
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
