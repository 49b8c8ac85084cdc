# pitfix-args: --target-version py39 --unsafe-fixes
# The header line above adds arguments to every run of this case.
ok = status is "ok"
