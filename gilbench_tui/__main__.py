from gilbench_tui.cli import main

raise SystemExit(main())
