# path: src/app/plugins/debug_logger.py
# a sidecar whose whole job is printing events for the person debugging (metaflow's debug_logger)


def process_message(msg):
    # ok: python-standards/debug-print
    print("Debug[shutdown]: got shutdown!")
    # ok: python-standards/debug-print
    print(f"{msg=}")
