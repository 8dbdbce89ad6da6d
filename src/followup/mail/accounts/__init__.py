"""Mail accounts: `account` (the settings of an account, kept in the store without its
secret) and `secrets` (where the secret comes from, and how it is kept out of logs).
"""
