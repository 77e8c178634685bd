"""Development tools, apart from the product: nothing in uke8 (outside this package and the
`uke8` command's table in cli.py), api or actions imports them (tests/unit/test_import_graph.py).

stack.py          the process supervisor: API, action server, Rasa (and scheduler, SMS) as one stack
processes.py      one supervised process: launch, log, signal; free_port, tail
run.py            `uke8 run` (behind `make run`): the stack for a demo, seeded, URLs printed
demo.py           `uke8 seed-demo`: synthetic enheter, veiledere and cases in every state
scale.py          `uke8 seed-scale`: many synthetic cases for the review pages' scale benchmark
sms_simulator.py  `uke8 sms-simulator`: a local SMS gateway to chat as a phone
minside.py        `uke8 minside`: a local Min side (sign in with a synthetic fnr, see the tasks, follow the link)
minside_tasks.py  its task sources: the broker's events (consumer + store), or the outbox read directly
converse.py       `uke8 converse`: scripted conversations against the running stack

They stay in the wheel: `uke8 seed-demo`, `uke8 sms-simulator` and `uke8 converse` are useful
against an installed product too. The stack and `uke8 run` start processes from a checkout
(.venv, .venv-bot, models/).
"""
