# mera with no command, `mera help [COMMAND]`, `--version` and mistyped commands (issue 12.3):
# each answered by mera itself, not by CLI11's "A subcommand is required".
mera_cli_test(bare_mera_lists_commands 2 "^mera: [^\n]*\n[^\n]*\n\nusage: mera COMMAND [^\n]*\n\ncommands:\n  check +Parse and check.*\n  units import +Import a units table.*\n  db check +SQLite"
              ${MERA})
mera_cli_test(help_overview 0 "^mera: .*\ncommands:\n  check +Parse.*\n  model publish +Store a changed model.*\n  status +What is overdue.*'mera help COMMAND'"
              ${MERA} help)
mera_cli_test(help_of_a_command 0 "^Evaluate every indicator[^\n]*\nUsage: mera eval \\[OPTIONS\\]\n.*--explain" ${MERA} help eval)
mera_cli_test(help_of_a_nested_command 0 "Usage: mera model publish \\[OPTIONS\\] MODEL\n.*--effective" ${MERA} help model publish)
mera_cli_test(help_of_a_mistyped_command 2 "^mera: error: 'evl' is not a mera command. did you mean 'eval'\\?\n'mera help' lists the commands\n$"
              ${MERA} help evl)
mera_cli_test(mistyped_command 2 "^mera: error: 'evl' is not a mera command. did you mean 'eval'\\?\n'mera help' lists the commands\n$" ${MERA} evl)
mera_cli_test(mistyped_transposed 2 "did you mean 'status'\\?" ${MERA} stauts --db x.db)
# A word unlike every command gets no guess (and neither does a short one against long names).
mera_cli_test(unknown_word_no_guess 2 "^mera: error: 'foo' is not a mera command\n'mera help' lists the commands\n$" ${MERA} foo)
mera_cli_test(mistyped_nested_command 2 "^mera: error: 'pubish' is not a command of 'mera model'. did you mean 'publish'\\?\n'mera help model' lists its commands\n$"
              ${MERA} model pubish --db x.db)
string(REPLACE "." "\\." version_pattern "${PROJECT_VERSION}")
mera_cli_test(version 0 "^mera ${version_pattern}\n$" ${MERA} --version)
