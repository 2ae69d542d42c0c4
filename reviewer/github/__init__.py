"""GitHub integration: events, diff anchors, the pull request review and its summary comment.

event.py reads GITHUB_EVENT_PATH; anchors.py decides where an inline comment
may sit (GitHub answers 422 for a line outside the diff); comments.py writes
comment bodies with hidden fingerprints; review.py plans one review per run;
client.py talks to the API through PyGithub; publish.py ties them together.
"""
