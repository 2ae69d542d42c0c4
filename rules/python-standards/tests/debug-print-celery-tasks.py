# path: app/tasks.py
# ... but a module named tasks that is no task runner's (Celery's, here) is library code
from celery import shared_task


@shared_task
def refresh(feed):
    # expect: python-standards/debug-print
    print(f"{feed=}")
    return feed.update()
