from interbot_tui.cli import main

raise SystemExit(main())
