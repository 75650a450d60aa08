/** A list of numbers (nested or not) as a learner writes it: `listText([[2, 2], [0, 0]]) → '[[2, 2], [0, 0]]'`. */
export const listText = (value: number | readonly unknown[]) => JSON.stringify(value).replaceAll(',', ', ');
