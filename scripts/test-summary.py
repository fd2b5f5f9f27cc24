#!/usr/bin/env python3
"""Sum up meson test logs: one line 'N passed, M failed, K skipped'."""
import json
import sys

passed = failed = skipped = 0
for path in sys.argv[1:]:
    build = path.split('/')[0]
    with open(path) as f:
        for line in f:
            t = json.loads(line)
            res = t.get('result')
            if res in ('OK', 'EXPECTEDFAIL'):
                passed += 1
            elif res == 'SKIP':
                skipped += 1
                print(f'skipped: {build}: {t["name"]}')
            else:
                failed += 1
                print(f'failed: {build}: {t["name"]} ({res})')
print(f'{passed} passed, {failed} failed, {skipped} skipped')
