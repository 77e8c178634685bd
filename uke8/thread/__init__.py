"""The thread after the questions (PRODUCT.md §3b, issue 16): the veileder and the person write
to each other on the person's channel, and meetings are proposed and booked there.

A feature package above the case use cases and the lifecycle (it queues deliveries in the
outbox): messages.py stores and reads the thread, meetings.py moves a meeting between
foreslatt, avtalt and avlyst, delivery.py puts a veileder's message on the person's channel
(texts.py: what the person reads then), views.py shows the thread to the veileder's side.
Every write locks the case row and writes its own audit row, like the case use cases.
"""
