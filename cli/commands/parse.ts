import { InvalidArgumentError } from 'commander';

/** Option parsers: a bad value is a usage error that names the flag, before anything is sent. */
export const positiveInt = (flag: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${flag} expects a whole number of 1 or more`);
  return n;
};

export const amount = (value: string) => {
  const n = Number(value.replace(/,/g, ''));
  if (value.trim() === '' || !Number.isFinite(n) || n < 0)
    throw new InvalidArgumentError('expected an amount of zero or more, e.g. 800');
  return n;
};
