from socialplan.tui.cli import main

raise SystemExit(main())
