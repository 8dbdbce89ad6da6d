from followup.cli.main import main

main()
