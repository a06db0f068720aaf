// Strings of this area's pages; the keys are read as t('reviews.key').
export default {} as const;
