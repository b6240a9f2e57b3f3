"""The behavioural suite (``whimbrel eval behaviour``): CheckList-style templates of conflict reporting.

Each template is one phenomenon (claims, hazards, agentless reports, reported speech, negation, hedges,
future and intent, dates relative to publication, datelines and agencies, nationality and institution
actors, reciprocal dyads, sizes in words, senses by object, one event per incident), drawn as minimal
pairs from pools of fillers written for the suite. Expectations follow the conventions of issue 10
("Wire reports coded right"), including where today's coder fails them.
"""
