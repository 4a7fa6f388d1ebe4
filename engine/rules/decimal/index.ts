export { add, subtract, multiply, divide, round, scaleOf, ExactSum, DIVISION_PLACES } from './exact';
