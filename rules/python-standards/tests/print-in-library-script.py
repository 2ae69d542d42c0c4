def main():
    # ok: python-standards/print-in-library
    print("done")


if __name__ == "__main__":
    # ok: python-standards/print-in-library
    print(main())
