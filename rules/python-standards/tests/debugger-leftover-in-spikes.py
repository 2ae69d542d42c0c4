# path: singer-connectors/tap-zendesk/spikes/ticket_events.py
# A spike: a throwaway script that explores an API, stopping to look (pipelinewise, held-out round 176).
import ipdb


def explore(client):
    events = client.ticket_events()
    # ok: python-standards/debugger-leftover
    ipdb.set_trace()
    return events
