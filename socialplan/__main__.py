from socialplan.cli import main

raise SystemExit(main())
