# path: winforms/tests_backend.py
import asyncio


class DialogsMixin:
    def _setup_close_handler(self, dialog, result):
        async def _close_dialog():
            await asyncio.sleep(0.5)
            dialog.close(result)

        # expect: python-standards/asyncio-task-dropped
        asyncio.create_task(_close_dialog())

    def close_on_show(self, dialog):
        self._setup_close_handler(dialog, None)
