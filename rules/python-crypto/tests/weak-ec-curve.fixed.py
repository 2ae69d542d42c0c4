from cryptography.hazmat.primitives.asymmetric import ec

# expect: python-crypto/weak-ec-curve
a = ec.generate_private_key(ec.SECP256R1())
# ok: python-crypto/weak-ec-curve
b = ec.generate_private_key(ec.SECP384R1())
