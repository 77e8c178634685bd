"""Reaching the person outside a conversation (issue 15): a chat invitation and its reminder are
Min side tasks, published on a message broker; a neutral varsel follows by SMS once the task is
published; the task is closed by a second event when the person has answered, opted out, or the
deadline has passed. Sits above uke8/lifecycle (whose outbox guarantees exactly once).

events.py     the task events (opprett, paminn, beskjed, inaktiver) and their JSON
publisher.py  the adapter: a small Protocol, the RabbitMQ publisher (pika, publisher confirms)
tasks.py      what is sent for an outbox message (TaskSender), the varsel that follows, and the
              sweep that closes tasks that are done
worker.py     `uke8 notify`: the delivery loop of the `chat` channel
status.py     the case's `notification` summary (GET /api/v1/cases/{id})
"""
